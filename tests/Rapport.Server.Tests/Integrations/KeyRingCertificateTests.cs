using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rapport.Data;
using Rapport.Data.Storage;
using Rapport.Server.Integrations;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Integrations;

/// <summary>Rapport:DataProtection:CertificatePath: the key ring in the database is encrypted, and useless without the certificate.</summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private const string Password = "pfx password";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rapport-keyring-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task KeyRing_WithCertificate_IsStoredEncryptedAndReadOnlyWithTheCertificate()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rapport:DataProtection:CertificatePath"] = CreateCertificate("keys.pfx"),
            ["Rapport:DataProtection:CertificatePassword"] = Password,
        };
        await using var host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, settings, null, TestContext.Current.CancellationToken);
        var secret = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("refresh-token-123");

        var contexts = host.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }

        // Another node (or `rapport sync now`) with the same certificate reads what this one wrote…
        using (var sameCertificate = OtherProcess(RapportServer.StorageOf(host.App), settings))
        {
            Assert.Equal("refresh-token-123", sameCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        }
        // …and a copy of the database without the certificate cannot.
        using var withoutCertificate = OtherProcess(RapportServer.StorageOf(host.App), new Dictionary<string, string?>());
        Assert.ThrowsAny<CryptographicException>(() => withoutCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
    }

    [Fact]
    public void Start_CertificateFileMissing_IsRefusedNamingTheSetting()
    {
        var missing = Path.Combine(_directory.FullName, "missing.pfx");
        var ex = Assert.Throws<OptionsValidationException>(() => OtherProcess(StorageOptions.Resolve(null, _directory.FullName),
            new Dictionary<string, string?> { ["Rapport:DataProtection:CertificatePath"] = missing }));
        Assert.Contains("Rapport:DataProtection:CertificatePath", ex.Message, StringComparison.Ordinal);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WrongCertificatePassword_IsRefusedNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rapport:DataProtection:CertificatePath"] = CreateCertificate("keys.pfx"),
            ["Rapport:DataProtection:CertificatePassword"] = "not the password",
        };
        var ex = Assert.Throws<OptionsValidationException>(() => OtherProcess(StorageOptions.Resolve(null, _directory.FullName), settings));
        Assert.Contains("Rapport:DataProtection:CertificatePassword", ex.Message, StringComparison.Ordinal);
    }

    // The services `rapport sync` builds: storage and Data Protection from the same settings, no web host.
    private static ServiceProvider OtherProcess(StorageOptions storage, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddRapportData(storage);
        services.AddSalesforceConnections(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private string CreateCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Rapport key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
