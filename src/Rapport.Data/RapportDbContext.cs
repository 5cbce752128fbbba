using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Rapport.Data.Entities;

namespace Rapport.Data;

/// <summary>Rapport's database: datasets, the event log, profiles, accounts.</summary>
public sealed class RapportDbContext(DbContextOptions<RapportDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DatasetEntity> Datasets => Set<DatasetEntity>();
    public DbSet<WriteKeyEntity> WriteKeys => Set<WriteKeyEntity>();
    public DbSet<EventEntity> Events => Set<EventEntity>();
    public DbSet<CheckpointEntity> Checkpoints => Set<CheckpointEntity>();
    public DbSet<MessageIdEntity> MessageIds => Set<MessageIdEntity>();
    public DbSet<DuplicateEventEntity> DuplicateEvents => Set<DuplicateEventEntity>();
    public DbSet<ProfileEventEntity> ProfileEvents => Set<ProfileEventEntity>();
    public DbSet<ProfileEntity> Profiles => Set<ProfileEntity>();
    public DbSet<IdentityEntity> Identities => Set<IdentityEntity>();
    public DbSet<AccountEntity> Accounts => Set<AccountEntity>();
    public DbSet<MembershipEntity> Memberships => Set<MembershipEntity>();
    public DbSet<SalesforceConnectionEntity> SalesforceConnections => Set<SalesforceConnectionEntity>();
    public DbSet<CrmLinkEntity> CrmLinks => Set<CrmLinkEntity>();
    public DbSet<SyncCursorEntity> SyncCursors => Set<SyncCursorEntity>();
    public DbSet<SyncRunEntity> SyncRuns => Set<SyncRunEntity>();
    public DbSet<SyncErrorEntity> SyncErrors => Set<SyncErrorEntity>();
    public DbSet<AdminUserEntity> AdminUsers => Set<AdminUserEntity>();

    /// <summary>The Data Protection key ring (secrets at rest), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RapportDbContext).Assembly);
        // A repeated messageId is in the log but is seen once: every read leaves out the rows the
        // processor recorded as repeats (see MessageIdEntity). A filter here rather than in each
        // query, so no reader (API, console, activities, sync) can forget it.
        modelBuilder.Entity<EventEntity>().HasQueryFilter(e => !DuplicateEvents.Any(d => d.Sequence == e.Sequence));
    }
}
