namespace Rapport.Data.Storage;

/// <summary>A dataset with that name already exists.</summary>
public sealed class DatasetConflictException : Exception
{
    public DatasetConflictException()
    {
    }

    public DatasetConflictException(string message) : base(message)
    {
    }

    public DatasetConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
