package com.tidewater.loyalty.tiers

enum class Tier(val threshold: Long, val label: String) {
    BRONZE(0, "Bronze"),
    SILVER(2_500, "Silver"),
    GOLD(10_000, "Gold"),
    PLATINUM(40_000, "Platinum Elite");

    companion object {
        fun forPoints(points: Long): Tier = entries.last { points >= it.threshold }
    }
}
