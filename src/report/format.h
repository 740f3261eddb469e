// Numbers written for people, the same in the pages, the report and the command line.
#ifndef LOOKOUT_REPORT_FORMAT_H_
#define LOOKOUT_REPORT_FORMAT_H_

#include <cstdint>
#include <string>

namespace lookout::report {

// A count with its thousands separated by commas: "12,885", "-1,000".
std::string Thousands(int64_t n);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_FORMAT_H_
