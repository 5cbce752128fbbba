using Rapport.SalesforceEmulator.Auth;
using Rapport.SalesforceEmulator.Tests.Auth.Support;

namespace Rapport.SalesforceEmulator.Tests.Auth;

public sealed class EmulatorDirectoryTests
{
    [Fact]
    public async Task Directory_ConfiguredUsers_HaveUserAndOrgKeyPrefixes()
    {
        await using var host = await AuthTestHost.StartAsync();
        var directory = host.Service<IEmulatorDirectory>();

        Assert.StartsWith("00D", directory.OrganizationId, StringComparison.Ordinal);
        Assert.Equal(18, directory.OrganizationId.Length);
        Assert.Equal(4, directory.Users.Count);
        Assert.All(directory.Users, u => Assert.StartsWith("005", u.Id, StringComparison.Ordinal));
        Assert.Equal(directory.Users.Count, directory.Users.Select(u => u.Id).Distinct().Count());
    }

    [Fact]
    public async Task FindById_FifteenCharacterId_FindsUser()
    {
        await using var host = await AuthTestHost.StartAsync();
        var directory = host.Service<IEmulatorDirectory>();
        var user = directory.Users[2];

        Assert.Equal(user, directory.FindById(user.Id[..15]));
        Assert.Null(directory.FindById("not-an-id"));
    }

    [Fact]
    public async Task FindByUsername_OtherCase_FindsUserWithDefaults()
    {
        await using var host = await AuthTestHost.StartAsync();
        var directory = host.Service<IEmulatorDirectory>();

        var user = directory.FindByUsername("NOAPI@example.com")!;

        Assert.Equal(TestOrg.NoApiUsername, user.Username);
        Assert.Equal("noapi", user.LastName);
        Assert.Equal(TestOrg.NoApiUsername, user.Email);
        Assert.False(user.HasPermission(EmulatorPermissions.ApiEnabled));
    }
}
