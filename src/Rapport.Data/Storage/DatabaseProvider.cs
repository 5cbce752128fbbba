namespace Rapport.Data.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
