using Rapport.Sync.Conflicts;

namespace Rapport.Sync.Tests.Conflicts;

public class TwoWayFieldResolverTests
{
    private static readonly DateTimeOffset T = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resolve_LocalChangedLater_Pushes()
        => Assert.Equal(FieldSyncAction.Push, TwoWayFieldResolver.Resolve(new("gold", T.AddMinutes(1)), new("silver", T)));

    [Fact]
    public void Resolve_RemoteChangedLater_Pulls()
        => Assert.Equal(FieldSyncAction.Pull, TwoWayFieldResolver.Resolve(new("gold", T), new("silver", T.AddSeconds(1))));

    [Fact]
    public void Resolve_EqualValues_IsNoChangeWhateverTheTimes()
        => Assert.Equal(FieldSyncAction.None, TwoWayFieldResolver.Resolve(new("gold", T.AddDays(3)), new("gold", T)));

    [Fact]
    public void Resolve_SameTimeDifferentValues_KeepsCrmValue()
        => Assert.Equal(FieldSyncAction.Pull, TwoWayFieldResolver.Resolve(new("gold", T), new("silver", T)));
}
