# Writes a C++ file holding every model file under spec/, encodings/ and cases/,
# so `ctcheck` with no arguments runs the default model from any directory.
# Usage: cmake -DROOT=<repo> -DOUT=<file.cpp> -P embed.cmake
file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/spec/*.ct ${ROOT}/encodings/*.ct ${ROOT}/cases/*.ct)
list(SORT files)
set(body "#include \"cli/embedded_models.h\"\nnamespace ctcheck::cli {\nnamespace {\nconst EmbeddedFile kFiles[] = {\n")
foreach(f ${files})
  file(READ ${ROOT}/${f} text)
  string(APPEND body "  {\"${f}\", R\"ctcheck_embed(${text})ctcheck_embed\"},\n")
endforeach()
string(APPEND body "  {nullptr, nullptr}};\n}  // namespace\nconst EmbeddedFile *embedded_files() { return kFiles; }\n}  // namespace ctcheck::cli\n")
file(WRITE ${OUT}.new "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.new ${OUT})
