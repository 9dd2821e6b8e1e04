// Files the person downloads from the client itself (a report's CSV), so an export works
// offline too: the bytes become a Blob saved under `file_name` through an <a download>.
#pragma once

#include <string_view>

namespace pathways::download {

// Offers `bytes` (any content, e.g. UTF-8 CSV) as a download named `file_name` (no path)
// of type `mime_type` ("text/csv; charset=utf-8"). Nothing is sent anywhere.
void save_file(std::string_view file_name, std::string_view mime_type, std::string_view bytes);

}  // namespace pathways::download
