namespace Rapport.SalesforceEmulator.Auth;

/// <summary>The emulator config file is missing, is not valid JSON or describes an unusable org.</summary>
public sealed class EmulatorConfigException : Exception
{
    /// <summary>Creates the exception with a message that names the problem.</summary>
    public EmulatorConfigException()
    {
    }

    /// <summary>Creates the exception with a message that names the problem.</summary>
    public EmulatorConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message that names the problem and its cause.</summary>
    public EmulatorConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
