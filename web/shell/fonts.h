// The client's typefaces: Inter for text, with Font Awesome icons merged in (shell/icons.h).
// Fonts are rasterised at size x devicePixelRatio and drawn at 1/ratio, so text is sharp on
// high-density screens while every size in the code stays in CSS pixels.
#pragma once

struct ImFont;

namespace pathways::fonts {

enum class Face {
  body,     // 16 px regular: most text and fields
  strong,   // 16 px semibold: buttons' emphasis, names, table headers
  heading,  // 20 px semibold: view and card titles
  title,    // 28 px semibold: the product name on the sign-in card
};

// Rebuilds the atlas for a pixel ratio. Call outside a frame; the renderer's font texture
// must be recreated afterwards (platform_web.cpp does both).
void build(float pixel_ratio);

ImFont* get(Face face);

}  // namespace pathways::fonts
