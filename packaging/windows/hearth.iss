; Inno Setup 6 script for Hearth on Windows 10 and 11 (x64). From the repository root, after
; `python packaging/make_icons.py windows` and the PyInstaller build (dist\hearth\):
;
;   iscc /DAppVersion=0.1.0 packaging\windows\hearth.iss
;
; gives dist\hearth-0.1.0-windows-x64-setup.exe. The release workflow passes the version
; `hearth.exe --version` prints, so the installer and the app never disagree.
;
; What the installer does (packaging/README.md says it for support staff):
;  - installs for the current user, without administrator rights, into
;    %LOCALAPPDATA%\Programs\Hearth; an administrator may choose "for all users" instead
;    (Program Files);
;  - a Start-menu folder Hearth with: Hearth (hearthw.exe, no console window), "Check
;    Hearth" (the self-test in a console window) and "Make a Hearth support bundle"
;    (%USERPROFILE%\hearth-support.zip, with no passphrase, key or personal data in it);
;    a desktop icon if asked for;
;  - upgrades in place: the old program files go first, so nothing stale stays behind; a
;    running Hearth is asked to close;
;  - uninstalls from Settings > Apps. Neither upgrading nor uninstalling touches a vault
;    (%LOCALAPPDATA%\Hearth\vault) or the wallet keys in Windows Credential Manager.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\hearth.iss
#endif

[Setup]
; The AppId identifies Hearth to Windows across versions: never change it.
AppId={{0BBB4776-2777-4A19-9226-85B5C06AFE86}
AppName=Hearth
AppVersion={#AppVersion}
AppVerName=Hearth {#AppVersion}
AppPublisher=Hearth contributors
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Hearth
DefaultGroupName=Hearth
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=hearth-{#AppVersion}-windows-x64-setup
SetupIconFile=hearth.ico
UninstallDisplayIcon={app}\hearthw.exe
UninstallDisplayName=Hearth
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[CustomMessages]
en.SelfTest=Check Hearth
es.SelfTest=Comprobar Hearth
en.SupportBundle=Make a Hearth support bundle
es.SupportBundle=Crear un paquete de soporte de Hearth

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's libraries: a file that a new version no longer ships must not be
; loaded by it.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\hearth\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; One Start-menu folder, Hearth, with the app and the two helpers support staff ask for.
Name: "{group}\Hearth"; Filename: "{app}\hearthw.exe"
Name: "{autodesktop}\Hearth"; Filename: "{app}\hearthw.exe"; Tasks: desktopicon
; cmd /k keeps the console open so the person can read the result out to their helper. The
; whole command is quoted once more because cmd drops the first and last quote of /k's line.
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k """"{app}\hearth.exe"" --self-test"""; IconFilename: "{app}\hearth.exe"
Name: "{group}\{cm:SupportBundle}"; Filename: "{cmd}"; Parameters: "/k """"{app}\hearth.exe"" doctor --support-bundle ""%USERPROFILE%\hearth-support.zip"""""; IconFilename: "{app}\hearth.exe"

[Run]
Filename: "{app}\hearthw.exe"; Description: "{cm:LaunchProgram,Hearth}"; Flags: nowait postinstall skipifsilent
