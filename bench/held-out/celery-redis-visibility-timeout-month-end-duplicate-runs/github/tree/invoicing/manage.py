import argparse

from invoicing.tasks import start_month_end_run


def main():
    p = argparse.ArgumentParser(prog="invoicing")
    sub = p.add_subparsers(dest="cmd", required=True)
    me = sub.add_parser("month-end", help="enqueue the month-end invoicing run now")
    me.add_argument("--dry-run", action="store_true", help="only print how many accounts would be invoiced")
    args = p.parse_args()
    if args.cmd == "month-end":
        if args.dry_run:
            from invoicing.tasks import count_billable_accounts
            print(count_billable_accounts())
            return
        start_month_end_run.delay()


if __name__ == "__main__":
    main()
