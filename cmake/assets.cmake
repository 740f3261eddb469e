# Lookout's front-end assets: web/scss compiled with GOV.UK Frontend's Sass into
# lookout.css, beside GOV.UK Frontend's script, web/js/lookout.mjs and exactly the images
# and fonts the compiled stylesheet names. The server serves the folder under /assets/.
#
# Two modes in one file, so the target and the step it runs cannot drift apart:
#   include(cmake/assets.cmake)   defines LOOKOUT_ASSETS_DIR and the ALL target
#                                 lookout_assets (from the top-level CMakeLists.txt);
#   cmake -DWEB=... -DOUT=... -DWITH_NODE=... -P cmake/assets.cmake
#                                 the build step itself, run by that target.
# Sass runs on the Node.js scripts/with-node.sh chooses (scripts/node.sh), not on whatever
# node comes first on PATH: Debian 12's own nodejs 18 is too old for it.

if(CMAKE_SCRIPT_MODE_FILE)
  # ---- The build step -------------------------------------------------------------------
  foreach(var WEB OUT WITH_NODE)
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "assets.cmake: -D${var}=... is required")
    endif()
  endforeach()
  set(govuk "${WEB}/node_modules/govuk-frontend/dist/govuk")
  file(MAKE_DIRECTORY "${OUT}")

  execute_process(
    COMMAND "${WITH_NODE}" "${WEB}/node_modules/.bin/sass" --no-source-map --style=compressed
            "--load-path=${WEB}/node_modules" "${WEB}/scss/lookout.scss" "${OUT}/lookout.css.tmp"
    RESULT_VARIABLE sass_result)
  if(NOT sass_result EQUAL 0)
    file(REMOVE "${OUT}/lookout.css.tmp")
    message(FATAL_ERROR "assets: sass could not compile web/scss/lookout.scss (${sass_result})")
  endif()
  file(READ "${OUT}/lookout.css.tmp" css)

  # Lookout is not a GOV.UK service: its stylesheet must not carry the GDS Transport
  # typeface or the Royal Arms. Checked on the output, so no setting can bring them back
  # unnoticed (an upgrade of GOV.UK Frontend, say).
  foreach(forbidden "GDS Transport" "govuk-crest" "govuk-crown")
    string(FIND "${css}" "${forbidden}" at)
    if(NOT at EQUAL -1)
      file(REMOVE "${OUT}/lookout.css.tmp")
      message(FATAL_ERROR "assets: lookout.css refers to '${forbidden}', which is for GOV.UK "
                          "services only; see web/scss/lookout.scss")
    endif()
  endforeach()

  # Copy exactly what the stylesheet names under /assets/, from GOV.UK Frontend's assets,
  # after clearing what an earlier build copied (so nothing unreferenced lingers).
  file(REMOVE_RECURSE "${OUT}/images" "${OUT}/fonts")
  string(REGEX MATCHALL "url\\([\"']?/assets/[^)\"']+" refs "${css}")
  list(TRANSFORM refs REPLACE "^url\\([\"']?/assets/" "")
  list(REMOVE_DUPLICATES refs)
  foreach(ref ${refs})
    if(ref MATCHES "\\.\\." OR NOT EXISTS "${govuk}/assets/${ref}")
      file(REMOVE "${OUT}/lookout.css.tmp")
      message(FATAL_ERROR "assets: lookout.css refers to /assets/${ref}, which GOV.UK "
                          "Frontend does not ship under dist/govuk/assets/")
    endif()
    get_filename_component(sub "${ref}" DIRECTORY)
    file(COPY "${govuk}/assets/${ref}" DESTINATION "${OUT}/${sub}")
  endforeach()
  list(LENGTH refs ref_count)

  file(RENAME "${OUT}/lookout.css.tmp" "${OUT}/lookout.css")
  file(COPY_FILE "${govuk}/govuk-frontend.min.js" "${OUT}/govuk-frontend.min.js")
  # The searchable pickers: GOV.UK's accessible autocomplete (its styles are in lookout.css).
  file(COPY_FILE "${WEB}/node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js"
       "${OUT}/accessible-autocomplete.min.js")
  file(COPY_FILE "${WEB}/js/lookout.mjs" "${OUT}/lookout.mjs")
  # Lookout's icon (web/images: the SVG and the bitmaps web/tools/favicon.mjs makes of it).
  foreach(icon favicon.svg favicon.ico apple-touch-icon.png)
    file(COPY_FILE "${WEB}/images/${icon}" "${OUT}/${icon}")
  endforeach()
  # Every output newer than every input, or the build would run this step each time.
  file(TOUCH "${OUT}/govuk-frontend.min.js" "${OUT}/accessible-autocomplete.min.js"
       "${OUT}/lookout.mjs" "${OUT}/favicon.svg" "${OUT}/favicon.ico" "${OUT}/apple-touch-icon.png")
  message(STATUS "assets: lookout.css, govuk-frontend.min.js, accessible-autocomplete.min.js, "
                 "lookout.mjs, the icons and ${ref_count} file(s) the stylesheet names, in ${OUT}")
  return()
endif()

# ---- The target -------------------------------------------------------------------------
set(LOOKOUT_ASSETS_DIR "${CMAKE_BINARY_DIR}/assets" CACHE PATH
    "Folder of the built front-end assets that lookout serve answers /assets/ from")

set(LOOKOUT_WEB_DIR "${CMAKE_SOURCE_DIR}/web")
foreach(needed node_modules/.bin/sass
               node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js
               node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js
               node_modules/.package-lock.json)
  if(NOT EXISTS "${LOOKOUT_WEB_DIR}/${needed}")
    message(FATAL_ERROR
      "web/${needed} is missing: the front-end packages are not installed. Run "
      "scripts/install-deps.sh (it runs `npm ci` in web/), then configure again.")
  endif()
endforeach()

file(GLOB LOOKOUT_SCSS CONFIGURE_DEPENDS "${LOOKOUT_WEB_DIR}/scss/*.scss")
set(LOOKOUT_ICONS favicon.svg favicon.ico apple-touch-icon.png)
list(TRANSFORM LOOKOUT_ICONS PREPEND "${LOOKOUT_ASSETS_DIR}/" OUTPUT_VARIABLE LOOKOUT_ICONS_OUT)
list(TRANSFORM LOOKOUT_ICONS PREPEND "${LOOKOUT_WEB_DIR}/images/" OUTPUT_VARIABLE LOOKOUT_ICONS_IN)
add_custom_command(
  OUTPUT "${LOOKOUT_ASSETS_DIR}/lookout.css" "${LOOKOUT_ASSETS_DIR}/govuk-frontend.min.js"
         "${LOOKOUT_ASSETS_DIR}/accessible-autocomplete.min.js" "${LOOKOUT_ASSETS_DIR}/lookout.mjs"
         ${LOOKOUT_ICONS_OUT}
  COMMAND "${CMAKE_COMMAND}" "-DWEB=${LOOKOUT_WEB_DIR}" "-DOUT=${LOOKOUT_ASSETS_DIR}"
          "-DWITH_NODE=${CMAKE_SOURCE_DIR}/scripts/with-node.sh"
          -P "${CMAKE_CURRENT_LIST_FILE}"
  # npm ci rewrites node_modules/.package-lock.json, so a changed lock (a GOV.UK Frontend
  # upgrade) rebuilds the assets once the packages are installed.
  DEPENDS ${LOOKOUT_SCSS} "${LOOKOUT_WEB_DIR}/js/lookout.mjs" ${LOOKOUT_ICONS_IN}
          "${LOOKOUT_WEB_DIR}/package-lock.json"
          "${LOOKOUT_WEB_DIR}/node_modules/.package-lock.json"
          "${CMAKE_CURRENT_LIST_FILE}" "${CMAKE_SOURCE_DIR}/scripts/with-node.sh"
          "${CMAKE_SOURCE_DIR}/scripts/node.sh"
  COMMENT "Building front-end assets (web/ -> assets/)"
  VERBATIM)
add_custom_target(lookout_assets ALL
  DEPENDS "${LOOKOUT_ASSETS_DIR}/lookout.css" "${LOOKOUT_ASSETS_DIR}/govuk-frontend.min.js"
          "${LOOKOUT_ASSETS_DIR}/accessible-autocomplete.min.js" "${LOOKOUT_ASSETS_DIR}/lookout.mjs"
          ${LOOKOUT_ICONS_OUT})
