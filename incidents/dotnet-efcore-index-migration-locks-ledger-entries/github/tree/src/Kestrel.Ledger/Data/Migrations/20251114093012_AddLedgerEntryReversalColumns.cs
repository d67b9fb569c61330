using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kestrel.Ledger.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddLedgerEntryReversalColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "reversal_of",
                table: "ledger_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.Sql(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_ledger_entries_reversal_of ON ledger_entries (reversal_of) WHERE reversal_of IS NOT NULL;",
                suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS ix_ledger_entries_reversal_of;", suppressTransaction: true);
            migrationBuilder.DropColumn(name: "reversal_of", table: "ledger_entries");
        }
    }
}
