using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Rapport.Server.Integrations;

/// <summary>
/// The optional certificate that encrypts the Data Protection key ring at rest. The keys are kept in
/// the database beside the secrets they protect, so without a certificate a copy of the database
/// (a backup) holds both; with one, that copy is useless without the certificate's file.
/// </summary>
internal static class KeyRingCertificate
{
    public const string PathSetting = "Rapport:DataProtection:CertificatePath";
    public const string PasswordSetting = "Rapport:DataProtection:CertificatePassword";

    /// <summary>The configured certificate, or null when none is; a certificate that cannot serve is a configuration error naming the setting.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw Invalid($"there is no file \"{Path.GetFullPath(path)}\".");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordSetting]);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Invalid($"\"{path}\" cannot be read as a PKCS#12 (.pfx) file with {PasswordSetting}: {ex.Message}");
        }
        // Data Protection encrypts the keys with XML encryption, which takes an RSA key pair.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw Invalid($"\"{path}\" holds no RSA private key; the key ring is encrypted with RSA, so the file must contain an RSA certificate and its private key.");
        }
        return certificate;
    }

    // The CLI prints an OptionsValidationException as one "configuration:" line, like every other bad setting.
    private static OptionsValidationException Invalid(string message)
        => new(PathSetting, typeof(X509Certificate2), [$"{PathSetting}: {message}"]);
}
