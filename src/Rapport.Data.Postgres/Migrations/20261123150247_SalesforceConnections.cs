using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rapport.Data.Postgres.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "salesforce_connections",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DatasetId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LoginHost = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Sandbox = table.Column<bool>(type: "boolean", nullable: false),
                    ConsumerKey = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ConsumerSecretProtected = table.Column<string>(type: "text", nullable: true),
                    ApiVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AuthFlow = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PasswordUsername = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PasswordProtected = table.Column<string>(type: "text", nullable: true),
                    SecurityTokenProtected = table.Column<string>(type: "text", nullable: true),
                    AccessTokenProtected = table.Column<string>(type: "text", nullable: true),
                    RefreshTokenProtected = table.Column<string>(type: "text", nullable: true),
                    InstanceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IdentityUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TokenIssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrganizationId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    UserId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Username = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ConnectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PendingStateHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PendingCodeVerifierProtected = table.Column<string>(type: "text", nullable: true),
                    PendingRedirectUri = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PendingExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastCheckAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastCheckSucceeded = table.Column<bool>(type: "boolean", nullable: true),
                    LastCheckFailure = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    LastCheckMessage = table.Column<string>(type: "text", nullable: true)
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
