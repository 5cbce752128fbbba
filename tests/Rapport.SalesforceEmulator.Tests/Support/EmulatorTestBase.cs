namespace Rapport.SalesforceEmulator.Tests.Support;

/// <summary>
/// A test class with its own emulator on loopback and a logged-in client for it, started before
/// the class's tests and stopped after them.
/// </summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    protected EmulatorServer Server { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync();
        Client = await Server.ClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
