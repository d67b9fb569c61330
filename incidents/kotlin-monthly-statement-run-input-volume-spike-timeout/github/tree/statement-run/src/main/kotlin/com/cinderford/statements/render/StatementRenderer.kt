package com.cinderford.statements.render

import com.cinderford.statements.batch.AccountUsage
import com.cinderford.statements.batch.RenderedStatement
import org.springframework.batch.item.ItemProcessor
import org.springframework.stereotype.Component
import org.thymeleaf.TemplateEngine
import org.thymeleaf.context.Context
import java.util.Locale

@Component
class StatementRenderer(private val templates: TemplateEngine) : ItemProcessor<AccountUsage, RenderedStatement> {

    override fun process(item: AccountUsage): RenderedStatement {
        val welsh = item.account.language == "cy"
        val locale = if (welsh) Locale.forLanguageTag("cy-GB") else Locale.UK
        val ctx = Context(locale, mapOf("account" to item.account, "lines" to item.lines, "period" to item.period))
        val html = templates.process(if (welsh) "statement_cy" else "statement_en", ctx)
        return RenderedStatement(item.account.id, item.period, html)
    }
}
