namespace Rapport.Commands;

/// <summary>A failure whose message tells the user what to do; printed without a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message) : base(message)
    {
    }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
