using System.CommandLine;
using Rapport.Commands;

var root = new RootCommand("Rapport: self-hosted personalization and customer engagement with two-way Salesforce sync.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(DatasetsCommand.Create());
root.Subcommands.Add(AdminCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ReprocessCommand.Create());
root.Subcommands.Add(SyncCommand.Create());
root.Subcommands.Add(EmulatorCommand.Create());
return await root.Parse(args).InvokeAsync();
