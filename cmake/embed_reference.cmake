# Turns data/reference/*.csv into a C++ table of (file name, contents), so the binary
# carries the reference data (regions, police forces) and needs no files at run time.
file(GLOB files "${DIR}/*.csv")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(FIND "${text}" ")lookout_csv\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "reference file holds the raw string delimiter: ${f}")
  endif()
  string(APPEND body "      {\"${name}\", R\"lookout_csv(${text})lookout_csv\"},\n")
endforeach()
file(WRITE "${OUT}.tmp"
"// Generated from data/reference by cmake/embed_reference.cmake. Do not edit.
#include \"app/reference_data.h\"

namespace lookout::app {
const std::vector<EmbeddedFile>& EmbeddedReferenceFiles() {
  static const std::vector<EmbeddedFile> kFiles = {
${body}  };
  return kFiles;
}
}  // namespace lookout::app
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
