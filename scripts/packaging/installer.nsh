; Included by electron-builder's NSIS installer (nsis.include): the installer claims dragonfly-desk://
; for the app it installs, and the uninstaller gives it back. electron-builder's `protocols` reach
; macOS (Info.plist) and Linux (.desktop MimeType) only. SHCTX is the per-user (or per-machine) hive.
!macro customInstall
  DeleteRegKey SHCTX "Software\Classes\dragonfly-desk"
  WriteRegStr SHCTX "Software\Classes\dragonfly-desk" "" "URL:Dragonfly Desk link"
  WriteRegStr SHCTX "Software\Classes\dragonfly-desk" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\dragonfly-desk\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\dragonfly-desk\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\dragonfly-desk"
!macroend
