# Fails unless the man page's .TH line names ctcheck ${VERSION}.
file(STRINGS ${MAN} th REGEX "^\\.TH ")
if(NOT th MATCHES "\"ctcheck ${VERSION}\"")
  message(FATAL_ERROR "docs/man/ctcheck.1 says '${th}', not ctcheck ${VERSION}: update its .TH line")
endif()
