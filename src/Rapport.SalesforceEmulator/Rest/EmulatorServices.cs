using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Bulk;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Faults;
using Rapport.SalesforceEmulator.Limits;

namespace Rapport.SalesforceEmulator.Rest;

/// <summary>The singletons REST handlers use, bundled so a handler takes one parameter.</summary>
internal sealed class EmulatorServices(
    OrgStore store,
    FieldAccess access,
    QueryCursors cursors,
    BulkJobs bulkJobs,
    IEmulatorDirectory directory,
    IDailyApiRequestLimit apiLimit,
    FaultInjector faults)
{
    public OrgStore Store { get; } = store;

    public FieldAccess Access { get; } = access;

    public QueryCursors Cursors { get; } = cursors;

    public BulkJobs BulkJobs { get; } = bulkJobs;

    public IEmulatorDirectory Directory { get; } = directory;

    public IDailyApiRequestLimit ApiLimit { get; } = apiLimit;

    public FaultInjector Faults { get; } = faults;
}
