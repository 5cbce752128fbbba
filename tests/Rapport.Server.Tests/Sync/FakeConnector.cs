using Rapport.Sync.Connectors;

namespace Rapport.Server.Tests.Sync;

/// <summary>A connector whose only working part is the schema; stages are faked, so nothing else is called.</summary>
public sealed class FakeConnector : ICrmConnector, ICrmSchema
{
    public ICrmReader Reader => throw new NotSupportedException();
    public ICrmWriter Writer => throw new NotSupportedException();
    public ICrmSchema Schema => this;
    public ICrmActivityWriter Activities => throw new NotSupportedException();
    public long? RemainingApiCalls => 14_000;

    public IReadOnlyDictionary<string, long> ApiCalls() => new Dictionary<string, long> { ["query"] = 3, ["collections"] = 1 };

    public Task<CrmObjectInfo> DescribeAsync(string objectType, CancellationToken cancellationToken) => objectType == "Contact"
        ? Task.FromResult(new CrmObjectInfo("Contact", "Contact", [new CrmFieldInfo("Email", "Email", "email", false, true, true)]))
        : throw new CrmException(CrmFailureKind.Configuration, $"sObject type '{objectType}' is not supported.", "INVALID_TYPE");

    public Task EnsureFieldsAsync(string objectType, IReadOnlyList<CrmFieldSpec> fields, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
