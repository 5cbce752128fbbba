using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SalesforceConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "salesforce_connections",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DatasetId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LoginHost = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Sandbox = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsumerKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ConsumerSecretProtected = table.Column<string>(type: "TEXT", nullable: true),
                    ApiVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AuthFlow = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PasswordUsername = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PasswordProtected = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityTokenProtected = table.Column<string>(type: "TEXT", nullable: true),
                    AccessTokenProtected = table.Column<string>(type: "TEXT", nullable: true),
                    RefreshTokenProtected = table.Column<string>(type: "TEXT", nullable: true),
                    InstanceUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IdentityUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TokenIssuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ConnectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PendingStateHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PendingCodeVerifierProtected = table.Column<string>(type: "TEXT", nullable: true),
                    PendingRedirectUri = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PendingExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastCheckAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastCheckSucceeded = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastCheckFailure = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    LastCheckMessage = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_salesforce_connections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_salesforce_connections_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_salesforce_connections_DatasetId",
                table: "salesforce_connections",
                column: "DatasetId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_salesforce_connections_PendingStateHash",
                table: "salesforce_connections",
                column: "PendingStateHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "salesforce_connections");
        }
    }
}
