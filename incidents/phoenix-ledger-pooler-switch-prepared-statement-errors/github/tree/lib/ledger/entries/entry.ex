defmodule Ledger.Entries.Entry do
  @moduledoc "One booked movement on an account. Amounts are signed, in minor units."

  use Ecto.Schema

  @type t :: %__MODULE__{}

  @primary_key {:id, :binary_id, autogenerate: true}
  @foreign_key_type :binary_id

  schema "entries" do
    field :amount_minor, :integer
    field :currency, :string
    field :kind, Ecto.Enum, values: [:card, :transfer_in, :transfer_out, :fee, :interest, :hold_release]
    field :description, :string
    field :booked_at, :utc_datetime_usec
    field :counterparty_iban, :string
    field :running_minor, :integer, virtual: true

    belongs_to :account, Ledger.Accounts.Account

    timestamps(updated_at: false)
  end
end
