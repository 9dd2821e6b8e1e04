// Choosing a file from the person's computer and reading it into memory (an import).
// Web: a hidden <input type=file>; its chosen file is read with File.arrayBuffer() and its
// bytes copied into WebAssembly memory. The chooser opens only in answer to a click, so
// call open() from a button. The file arrives on a later frame: poll take() each frame.
// Native: no chooser; open() does nothing, and deliver() stands in for a chosen file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pathways::file_picker {

struct PickedFile {
  std::string name;        // as the browser gives it ("participants.csv")
  std::size_t size = 0;    // bytes on disk
  std::string bytes;       // the contents; empty when size > the limit given to open()
  bool too_large = false;  // not read: larger than the limit
  std::string error;       // the browser could not read it (a sentence), else empty
};

// Opens the chooser for files matching `accept` (an HTML accept list: ".csv,text/csv").
// A file larger than `max_bytes` is not read: it arrives with too_large set.
void open(std::string_view accept, std::size_t max_bytes);

// The file chosen since the last call, once: nothing when none arrived.
std::optional<PickedFile> take();

// Hands over a file as if chosen (the browser glue calls this; native tests may too).
void deliver(PickedFile file);

}  // namespace pathways::file_picker
