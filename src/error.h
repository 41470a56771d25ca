// The one exception type. Thrown while setting up (flags, lexicons, output files);
// per-document problems go to Document::warnings / Document::error instead.
// main() maps it to exit status 2.
#ifndef WARTA_ERROR_H_
#define WARTA_ERROR_H_

#include <stdexcept>
#include <string>

namespace warta {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace warta

#endif  // WARTA_ERROR_H_
