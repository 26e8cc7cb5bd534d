#pragma once

// Every QSettings key the application uses, in one place.
namespace wb::keys {
inline constexpr char RecentFiles[] = "files/recent";
inline constexpr char LastOpenDir[] = "files/lastOpenDir";
inline constexpr char MaxRecentFiles[] = "files/maxRecent";
inline constexpr char AtcPath[] = "toolkit/atcPath";
inline constexpr char ToolkitHome[] = "toolkit/home";
inline constexpr char WindowGeometry[] = "window/geometry";
inline constexpr char WindowState[] = "window/state";
inline constexpr char CurrentPage[] = "window/page";
inline constexpr char VerboseLogging[] = "log/verbose";
inline constexpr char UiLanguage[] = "ui/language";
// Convert many (core/atc/convertmanysettings.h).
inline constexpr char ConvertManyJobs[] = "convertMany/jobs";
inline constexpr char ConvertManyMemoryPerJobMiB[] = "convertMany/memoryPerJobMiB";
// Remote hosts: an array of groups, one per host, each with the keys below (no passwords, ever).
inline constexpr char RemoteHosts[] = "remote/hosts";
inline constexpr char HostName[] = "name";
inline constexpr char HostDestination[] = "destination";
inline constexpr char HostPort[] = "port";
inline constexpr char HostIdentityFile[] = "identityFile";
inline constexpr char HostEnvScript[] = "envScript";
inline constexpr char HostWorkDir[] = "workDir";
} // namespace wb::keys
