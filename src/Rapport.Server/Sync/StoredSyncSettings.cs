using Rapport.Sync.Settings;

namespace Rapport.Server.Sync;

/// <summary>A dataset's sync settings as stored on its connection, and whether that connection can talk to Salesforce yet.</summary>
/// <param name="ConnectionId">The connection the settings belong to.</param>
/// <param name="Established">True once tokens (or a password login) exist, so describes can be asked for.</param>
/// <param name="Settings">The stored document, or the defaults when nothing was saved yet.</param>
public sealed record StoredSyncSettings(string ConnectionId, bool Established, SyncSettings Settings);
