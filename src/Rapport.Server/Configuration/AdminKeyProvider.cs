using System.Security.Cryptography;
using Rapport.Data.Storage;

namespace Rapport.Server.Configuration;

/// <summary>
/// The admin API key: the configured one, or one generated once and kept in the data directory
/// (file <c>admin-key</c>, readable by the owner only) so it survives restarts.
/// </summary>
public static class AdminKeyProvider
{
    public const string FileName = "admin-key";

    public static (string Key, bool Generated) Resolve(string? configured, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, false);
        }
        var path = Path.Combine(storage.DataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return (existing, false);
            }
        }
        Directory.CreateDirectory(storage.DataDirectory);
        var key = "rk_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return (key, true);
    }
}
