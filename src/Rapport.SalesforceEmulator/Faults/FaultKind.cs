namespace Rapport.SalesforceEmulator.Faults;

/// <summary>What the fault injector decided for one request.</summary>
internal enum FaultKind
{
    None,
    Unavailable,
    LockRow,
    Drop,
}
