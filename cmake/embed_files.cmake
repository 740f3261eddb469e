# Compiles the files of a folder into a C++ table of (file name, contents), so the binary
# carries them and needs no files at run time.
#   cmake -DOUT=file.cc -DDIR=folder -DPATTERN=*.csv -DINCLUDE=app/reference_data.h
#         -DNAMESPACE=lookout::app -DFUNCTION=EmbeddedReferenceFiles -P embed_files.cmake
# The function returns const std::vector<EmbeddedFile>&, the files in name order.
file(GLOB files "${DIR}/${PATTERN}")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(FIND "${text}" ")lookout_file\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} holds the raw string delimiter )lookout_file\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"lookout_file(${text})lookout_file\"},\n")
endforeach()
file(WRITE "${OUT}.tmp"
"// Generated from ${PATTERN} files by cmake/embed_files.cmake. Do not edit.
#include \"${INCLUDE}\"

namespace ${NAMESPACE} {
const std::vector<EmbeddedFile>& ${FUNCTION}() {
  static const std::vector<EmbeddedFile> kFiles = {
${body}  };
  return kFiles;
}
}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
