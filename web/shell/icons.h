// Icons: Font Awesome 4.7 glyphs (Debian's fonts-font-awesome), merged into the text fonts.
// Use them inside labels: ui::button(ICON_SYNC " Sync now"). The test hook drops a label's
// leading icon, so tests still find "Sync now".
//
// web/CMakeLists.txt subsets the icon font to exactly the \u code points in this file, and
// shell/fonts.cpp rasterises the icons in all_icons: add a new icon in both places below.
#pragma once

#define ICON_BAN "\uf05e"
#define ICON_BARS "\uf0c9"
#define ICON_BELL "\uf0f3"
#define ICON_CALENDAR "\uf073"
#define ICON_CARET_DOWN "\uf0d7"
#define ICON_CHART "\uf080"
#define ICON_CHECK "\uf00c"
#define ICON_CHEVRON_LEFT "\uf053"
#define ICON_CHEVRON_RIGHT "\uf054"
#define ICON_CIRCLE "\uf111"
#define ICON_CLOCK "\uf017"
#define ICON_CLOSE "\uf00d"
#define ICON_CLOUD_UPLOAD "\uf0ee"
#define ICON_DOWNLOAD "\uf019"
#define ICON_ENVELOPE "\uf0e0"
#define ICON_ERROR "\uf06a"
#define ICON_EYE "\uf06e"
#define ICON_EYE_SLASH "\uf070"
#define ICON_FILTER "\uf0b0"
#define ICON_GRIP "\uf07d"
#define ICON_INFO "\uf05a"
#define ICON_LINK "\uf0c1"
#define ICON_LIST "\uf03a"
#define ICON_LOCK "\uf023"
#define ICON_PENCIL "\uf040"
#define ICON_PLUS "\uf067"
#define ICON_REDO "\uf01e"
#define ICON_SEARCH "\uf002"
#define ICON_SIGN_IN "\uf090"
#define ICON_SIGN_OUT "\uf08b"
#define ICON_SYNC "\uf021"
#define ICON_TRASH "\uf1f8"
#define ICON_UNDO "\uf0e2"
#define ICON_USER "\uf007"
#define ICON_USERS "\uf0c0"
#define ICON_WARNING "\uf071"
#define ICON_WIFI "\uf1eb"

namespace pathways::icons {

inline constexpr const char* all_icons[] = {
    ICON_BAN,          ICON_BARS,         ICON_BELL,          ICON_CALENDAR, ICON_CARET_DOWN, ICON_CHART,
    ICON_CHECK,        ICON_CHEVRON_LEFT, ICON_CHEVRON_RIGHT, ICON_CIRCLE,   ICON_CLOCK,      ICON_CLOSE,
    ICON_CLOUD_UPLOAD, ICON_DOWNLOAD,     ICON_ENVELOPE,      ICON_ERROR,    ICON_EYE,        ICON_EYE_SLASH,
    ICON_FILTER,       ICON_GRIP,         ICON_INFO,          ICON_LINK,     ICON_LIST,       ICON_LOCK,
    ICON_PENCIL,       ICON_PLUS,         ICON_REDO,          ICON_SEARCH,   ICON_SIGN_IN,    ICON_SIGN_OUT,
    ICON_SYNC,         ICON_TRASH,        ICON_UNDO,          ICON_USER,     ICON_USERS,      ICON_WARNING,
    ICON_WIFI,
};

}  // namespace pathways::icons
