// Copy and paste between ImGui's text fields and the system clipboard.
// Copy writes with navigator.clipboard.writeText. Reading the clipboard on demand needs a
// permission prompt, so paste comes from the browser's own 'paste' event (Ctrl/Cmd+V, the
// browser's menu), typed into the focused field.
#pragma once

struct ImGuiIO;

namespace pathways::clipboard {

void install(ImGuiIO& io);

}  // namespace pathways::clipboard
