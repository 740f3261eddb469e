# Installing Lookout and building its Debian package (cpack -G DEB). The package holds:
#   /usr/bin/lookout                          the program (templates, migrations and
#                                             reference data are compiled into it)
#   /usr/share/lookout/assets/                the web pages' stylesheet, scripts and images
#   /usr/share/lookout/reference/             the reference data as CSV, for reading
#   /lib/systemd/system/lookout.service       the hardened service
#   /etc/lookout/lookout.conf                 the configuration (a conffile)
#   /usr/share/doc/lookout/                   the documentation and an nginx site example
# and maintainer scripts (packaging/debian/) that create the user lookout and
# /var/lib/lookout. docs/deploy.md explains installing and running it;
# tests/ops/package_test.sh checks the built package.
include(GNUInstallDirs)

install(TARGETS lookout RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${LOOKOUT_ASSETS_DIR}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/lookout/assets
        PATTERN "*.tmp" EXCLUDE)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/data/reference/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lookout/reference FILES_MATCHING PATTERN "*.csv")
install(FILES ${CMAKE_SOURCE_DIR}/packaging/lookout.service DESTINATION /lib/systemd/system)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/lookout.conf DESTINATION /etc/lookout
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
file(GLOB LOOKOUT_DOCS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${LOOKOUT_DOCS} ${CMAKE_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/nginx-lookout.conf
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

set(CPACK_PACKAGE_NAME lookout)
set(CPACK_PACKAGE_VENDOR "Lookout")
set(CPACK_PACKAGE_CONTACT "Lookout maintainers <lookout@lookout.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Tasking, delivery and impact evidence for a child exploitation prevention programme")
set(CPACK_PACKAGE_DESCRIPTION
    "Lookout turns intelligence and insight into tasks, records their delivery with partners, counts who was reached, gathers evidence and publishes an impact report whose every figure is traceable. A web application and JSON API on SQLite or PostgreSQL.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY lookout)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries the binary links (libsoci, libpq, cairo, ...) become dependencies.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, fonts-dejavu-core")
# pg_dump and pg_restore for `lookout backup` and `restore` on PostgreSQL.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-client-15")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, postgresql-15")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/prerm
    ${CMAKE_SOURCE_DIR}/packaging/debian/postrm
    ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
