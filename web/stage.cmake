# Stages the static files of the web client next to app.js and writes sw.js.
# Run after every link of pathways_web:
#   cmake -DSOURCE_DIR=web -DASSETS_DIR=assets -DOUT_DIR=build/wasm/web -P web/stage.cmake
# The service worker's cache name is a hash of everything it caches: any change to the app
# gives a new sw.js, which the browser installs, replacing the old cache.

foreach(file index.html shell.js)
  configure_file("${SOURCE_DIR}/${file}" "${OUT_DIR}/${file}" COPYONLY)
endforeach()
configure_file("${ASSETS_DIR}/icon.svg" "${OUT_DIR}/icon.svg" COPYONLY)

# What the page needs to start with no network. app.data holds the fonts.
set(app_files index.html shell.js app.js app.wasm app.data icon.svg)

set(digests "")
foreach(file IN LISTS app_files)
  if(NOT EXISTS "${OUT_DIR}/${file}")
    message(FATAL_ERROR "stage.cmake: ${OUT_DIR}/${file} is missing")
  endif()
  file(SHA256 "${OUT_DIR}/${file}" digest)
  string(APPEND digests "${digest}")
endforeach()
string(SHA256 build_id "${digests}")
string(SUBSTRING "${build_id}" 0 16 PATHWAYS_BUILD_ID)

list(TRANSFORM app_files PREPEND "'./")
list(TRANSFORM app_files APPEND "'")
list(JOIN app_files ", " PATHWAYS_APP_FILES)

configure_file("${SOURCE_DIR}/sw.js" "${OUT_DIR}/sw.js" @ONLY)
