; Inno Setup script for Khabar Editor on Windows.
; Build the bundle first on Windows (see packaging/README.md):
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\pyinstaller\khabar.spec
; then compile this script (Inno Setup 6):
;   iscc /DAppVersion=0.1.0 packaging\windows\khabar-editor.iss
; Output: dist\khabar-editor-<version>-setup.exe. Installs per user by default (no admin
; needed; the dialog offers all users), adds a Start-menu entry, optional desktop icon,
; "khabar" on the user's PATH (optional) and opens .khabar files on double-click.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Khabar Editor"
#define AppId "in.khabar.KhabarEditor"
#define ProgId "KhabarEditor.Article"
#define BundleDir "..\..\dist\khabar-editor"

[Setup]
AppId={{5B0E8C61-3C5F-4D0B-9A59-6E2A1C7F4B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Khabar Editor developers
DefaultDirName={autopf}\Khabar Editor
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=khabar-editor-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\khabar-editor.ico
UninstallDisplayIcon={app}\khabar-editor.exe
LicenseFile=..\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup has no official Hindi translation; add an unofficial Hindi.isl here if wanted.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the khabar command to PATH"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\khabar-editor.exe"; AppUserModelID: "{#AppId}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\khabar-editor.exe"; Tasks: desktopicon

[Registry]
; .khabar -> ProgId -> "khabar-editor.exe" "%1" (HKCU or HKLM following the install mode)
Root: HKA; Subkey: "Software\Classes\.khabar"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.khabar"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.khabar.article+zip"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.khabar\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Khabar news article"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\khabar-editor.exe,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\khabar-editor.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\khabar-editor.exe\SupportedTypes"; ValueType: string; ValueName: ".khabar"; ValueData: ""; Flags: uninsdeletekey
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\khabar-editor.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;
