using Rapport.Data.Storage;

namespace Rapport.Server.Admin;

/// <summary>What the read endpoints need, bundled for <c>[AsParameters]</c>.</summary>
public sealed record ReadServices(DatasetStore Datasets, ProfileQueries Queries, TimeProvider Time);
