using Rapport.Browser.Tests.Support;

namespace Rapport.Browser.Tests;

public sealed class ChromiumTests
{
    [Fact]
    public void MissingReason_NoExecutable_NamesAptGetInstallChromium()
    {
        var reason = Chromium.MissingReason("/nonexistent/chromium");

        Assert.NotNull(reason);
        Assert.Contains("apt-get install chromium", reason, StringComparison.Ordinal);
        Assert.Contains(Chromium.PathVariable, reason, StringComparison.Ordinal);
    }

}
