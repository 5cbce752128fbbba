using Rapport.Sync.Connectors;

namespace Rapport.Sync.Tests.Activities;

/// <summary>Remembers the fields it was asked to ensure.</summary>
internal sealed class RecordingCrmSchema : ICrmSchema
{
    public List<(string ObjectType, IReadOnlyList<CrmFieldSpec> Fields)> Ensured { get; } = [];

    public Task<CrmObjectInfo> DescribeAsync(string objectType, CancellationToken cancellationToken)
        => Task.FromResult(new CrmObjectInfo(objectType, objectType, []));

    public Task EnsureFieldsAsync(string objectType, IReadOnlyList<CrmFieldSpec> fields, CancellationToken cancellationToken)
    {
        Ensured.Add((objectType, fields));
        return Task.CompletedTask;
    }
}
