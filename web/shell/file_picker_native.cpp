// file_picker.h natively: there is no chooser; files come only through deliver().
#include "shell/file_picker.h"

namespace pathways::file_picker {

void open(std::string_view, std::size_t) {}

}  // namespace pathways::file_picker
