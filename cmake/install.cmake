# Installing ctcheck as a kernel developer installs tools: `cmake --install build`
# (or the .deb from `cpack`) puts
#   bin/ctcheck
#   share/ctcheck/{spec,encodings,cases}/          the models (imports resolve inside)
#   share/doc/ctcheck/                             README, docs/*.md and the pictures they show
#   share/man/man1/ctcheck.1                       the man page (docs/man/ctcheck.1)
#   share/bash-completion/completions/ctcheck     bash completion
#   share/vim/vimfiles/{syntax,ftdetect}/          Vim syntax for .ct files (Debian's vim reads it)
#   share/ctcheck/editors/vscode/                  a VS Code extension folder (TextMate grammar)
include(GNUInstallDirs)

install(TARGETS ctcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(dir spec encodings cases)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir} DESTINATION ${CMAKE_INSTALL_DATADIR}/ctcheck
          FILES_MATCHING PATTERN "*.ct")
endforeach()
file(GLOB CTCHECK_DOCS ${PROJECT_SOURCE_DIR}/docs/*.md ${PROJECT_SOURCE_DIR}/docs/*.svg)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${CTCHECK_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/man/ctcheck.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/contrib/bash-completion/ctcheck
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/contrib/vim/ DESTINATION ${CMAKE_INSTALL_DATADIR}/vim/vimfiles)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/contrib/vscode/ DESTINATION ${CMAKE_INSTALL_DATADIR}/ctcheck/editors/vscode)

# `cpack -G DEB` (run in the build directory): a Debian package of the above.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ctcheck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "ctcheck developers <ctcheck@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "model checker for Linux context tracking and RCU dynticks on x86-64 entry paths")
set(CPACK_PACKAGE_DESCRIPTION
    "ctcheck explores every interleaving of task code, IRQs, NMIs and exceptions of models of the x86-64\n"
    "entry code, context tracking and RCU, by explicit-state search and with Z3 (BMC, k-induction).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # libz3-4, libstdc++6, libc6 from dpkg-shlibdeps
include(CPack)
