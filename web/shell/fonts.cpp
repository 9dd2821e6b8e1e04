// Loads the fonts preloaded into /fonts (web/CMakeLists.txt puts them in app.data).
#include "shell/fonts.h"

#include <cstdio>

#include "imgui.h"
#include "shell/icons.h"

namespace pathways::fonts {
namespace {

// Latin with the accents of European names, punctuation, the euro sign, arrows and minus.
// Keep in step with PATHWAYS_TEXT_UNICODES in web/CMakeLists.txt (the font subset).
constexpr ImWchar text_ranges[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0,
};

constexpr const char* regular_file = "/fonts/Inter-Regular.otf";
constexpr const char* semibold_file = "/fonts/Inter-SemiBold.otf";
constexpr const char* icon_file = "/fonts/FontAwesome.ttf";

// The title face shows only the product name: its glyphs are the largest to rasterise,
// and start-up waits for the atlas.
constexpr ImWchar title_ranges[] = {0x0020, 0x007E, 0};

struct FaceSpec {
  const char* file;
  float size;
  bool with_icons;
  const ImWchar* ranges;
};
constexpr FaceSpec face_specs[] = {
    {regular_file, 16.0f, true, text_ranges},     // body
    {semibold_file, 16.0f, true, text_ranges},    // strong
    {semibold_file, 20.0f, true, text_ranges},    // heading
    {semibold_file, 28.0f, false, title_ranges},  // title
};
constexpr int face_count = sizeof(face_specs) / sizeof(face_specs[0]);

ImFont* faces[face_count] = {};

const ImWchar* icon_ranges() {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    for (const char* icon : icons::all_icons) builder.AddText(icon);
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}

bool readable(const char* path) {
  if (std::FILE* file = std::fopen(path, "rb")) {
    std::fclose(file);
    return true;
  }
  return false;
}

ImFont* add_face(const FaceSpec& spec, float pixel_ratio) {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if (!readable(spec.file)) {
    std::fprintf(stderr, "Pathways: font %s missing, using ImGui's default font\n", spec.file);
    return atlas.AddFontDefault();
  }
  // Pixel snapping keeps glyphs on whole device pixels; oversampling would only blur them.
  ImFontConfig text;
  text.OversampleH = 1;
  text.OversampleV = 1;
  text.PixelSnapH = true;
  ImFont* font = atlas.AddFontFromFileTTF(spec.file, spec.size * pixel_ratio, &text, spec.ranges);
  if (font && spec.with_icons && readable(icon_file)) {
    ImFontConfig icon = text;
    icon.MergeMode = true;
    icon.GlyphMinAdvanceX = spec.size * pixel_ratio;  // icons line up in lists and menus
    icon.GlyphOffset = ImVec2(0.0f, 0.5f * pixel_ratio);
    atlas.AddFontFromFileTTF(icon_file, spec.size * 0.9f * pixel_ratio, &icon, icon_ranges());
  }
  return font ? font : atlas.AddFontDefault();
}

}  // namespace

void build(float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  for (int i = 0; i < face_count; ++i) faces[i] = add_face(face_specs[i], pixel_ratio);
  io.Fonts->Build();
  io.FontDefault = faces[static_cast<int>(Face::body)];
  io.FontGlobalScale = 1.0f / pixel_ratio;
}

ImFont* get(Face face) { return faces[static_cast<int>(face)]; }

}  // namespace pathways::fonts
