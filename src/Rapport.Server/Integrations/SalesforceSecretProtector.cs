using Microsoft.AspNetCore.DataProtection;

namespace Rapport.Server.Integrations;

/// <summary>
/// Encrypts Salesforce secrets and tokens for storage with ASP.NET Core Data Protection; the key
/// ring lives in the database, so any node can decrypt what another wrote.
/// </summary>
public sealed class SalesforceSecretProtector(IDataProtectionProvider provider)
{
    // The purpose string isolates these payloads: ciphertext from another feature cannot be replayed here.
    private readonly IDataProtector _protector = provider.CreateProtector("Rapport.Salesforce.Connection.v1");

    public string? Protect(string? plaintext) => string.IsNullOrEmpty(plaintext) ? null : _protector.Protect(plaintext);

    public string? Unprotect(string? protectedText) => string.IsNullOrEmpty(protectedText) ? null : _protector.Unprotect(protectedText);
}
