using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kestrel.Ledger.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddLedgerEntriesMerchantCreatedAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_merchant_id_created_at",
                table: "ledger_entries",
                columns: new[] { "merchant_id", "created_at" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_merchant_id_created_at",
                table: "ledger_entries");
        }
    }
}
