// Scaffolds an EF Core migration for both providers, the way `dotnet ef migrations add` does, for
// machines where the dotnet-ef tool cannot be installed. Usage, from the repository root:
//   dotnet run --project tools/Rapport.MigrationTool -- AddSomething
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Storage;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Rapport.MigrationTool <MigrationName>");
    return 2;
}
var name = args[0];
var root = Directory.GetCurrentDirectory();

Scaffold(StorageOptions.Resolve(null, Path.Combine(Path.GetTempPath(), "rapport-migration-tool")),
    RapportDataExtensions.SqliteMigrationsAssembly, new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices());
Scaffold(StorageOptions.Resolve("Host=localhost;Database=design", "."),
    RapportDataExtensions.PostgresMigrationsAssembly, new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices());
return 0;

void Scaffold(StorageOptions storage, string assemblyName, IDesignTimeServices providerServices)
{
    Assembly.Load(assemblyName);
    var builder = new DbContextOptionsBuilder<RapportDbContext>();
    RapportDataExtensions.Configure(builder, storage);
    using var context = new RapportDbContext(builder.Options);

    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    providerServices.ConfigureDesignTimeServices(services);
    using var provider = services.BuildServiceProvider();
    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, assemblyName, "Migrations", "C#");
    var projectDir = Path.Combine(root, "src", assemblyName);
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
    Console.WriteLine($"{assemblyName}: {files.MigrationFile}");
}
