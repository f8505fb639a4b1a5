import Inspection

extension Templates {
    static let plans = #"""
    {{<layout}}{{$body}}{{#content}}
    <div class="titlebar"><h1>抽查计划</h1>{{#canCreate}}<a class="button primary" href="/plans/new">新建计划</a>{{/canCreate}}</div>
    {{#empty(plans)}}<p class="muted">还没有您可以看到的计划。</p>{{/empty(plans)}}
    <ul class="cards">
    {{#plans}}
      <li class="card plan-card">
        <a class="title" href="{{link}}">{{number}} {{name}}</a>
        <p><span class="badge">{{stateLabel}}</span> {{window}}{{^equalzero(overdue)}} <span class="badge danger">{{overdue}} 项逾期</span>{{/equalzero(overdue)}}</p>
        <p class="muted">牵头：{{lead}}；联合：{{partners}}</p>
      </li>
    {{/plans}}
    </ul>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let plan = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="/plans">抽查计划</a> › {{number}}</p>
    <h1>{{name}}</h1>
    <p class="sub">{{title}}</p>
    <ol class="steps">{{#steps}}<li class="{{#done}}done{{/done}}{{#current}}current{{/current}}">{{label}}</li>{{/steps}}</ol>

    <section class="card state" id="state">
      <p class="big-line"><span class="badge">{{stateLabel}}</span> 下一步：{{nextStep}}</p>
      {{^equalzero(missingResults)}}<p>还有 <strong>{{missingResults}}</strong> 项检查结果未录入。</p>{{/equalzero(missingResults)}}
      {{^equalzero(overdueCount)}}<p class="error">有 {{overdueCount}} 项期限已逾期：<a href="{{overdueLink}}">查看有逾期期限的企业</a>。</p>{{/equalzero(overdueCount)}}
      {{#hasActions}}
      <div class="actions">
        {{#actions.open}}<form method="post" action="{{link}}/collect">{{>csrf}}<button class="primary">开放征集事项</button></form>{{/actions.open}}
        {{#actions.freeze}}<form method="post" action="{{link}}/freeze">{{>csrf}}<button class="primary">锁定事项</button></form>{{/actions.freeze}}
        {{#actions.draw}}
        <form method="post" action="{{link}}/draw" class="stack draw-form">{{>csrf}}
          <label>公开随机源（可选，如当日福彩开奖号码；留空则由服务器随机生成）<input name="publicEntropy" placeholder="例：{{number}} 2026-05-13 福彩3D第2026124期 5 2 9"></label>
          <label class="check"><input type="checkbox" name="sealed" value="true"> 密封抽取结果（检查结束后再公开）</label>
          <button class="primary">抽取检查对象</button>
        </form>
        {{/actions.draw}}
        {{#actions.dispatch}}<form method="post" action="{{link}}/dispatch">{{>csrf}}<button class="primary">派发给各部门</button></form>{{/actions.dispatch}}
        {{#actions.match}}<form method="post" action="{{link}}/match">{{>csrf}}<button class="primary">匹配检查人员</button></form>{{/actions.match}}
        {{#actions.publish}}<form method="post" action="{{link}}/publish">{{>csrf}}<button class="primary">公示检查结果</button></form>{{/actions.publish}}
        {{#actions.close}}<form method="post" action="{{link}}/close">{{>csrf}}<button class="primary">办结计划</button></form>{{/actions.close}}
      </div>
      {{/hasActions}}
      <p class="links">
        {{#canSeeTeams}}<a href="{{teamsLink}}">检查组</a>{{/canSeeTeams}}
        {{#canDownloadForms}}<a href="{{formsDocx}}">一企一表（合订本 DOCX）</a><a href="{{formsHTML}}">一企一表（网页，可打印）</a><a href="{{resultsXlsx}}">检查结果（报送格式 XLSX）</a>{{/canDownloadForms}}
        {{#canSeeStatistics}}<a href="{{statisticsLink}}">统计表</a>{{/canSeeStatistics}}
        {{#drawID}}<a href="{{drawLink}}">抽取记录 {{drawID}}</a>{{/drawID}}
        {{#teamDrawID}}<a href="{{teamDrawLink}}">人员匹配记录 {{teamDrawID}}</a>{{/teamDrawID}}
      </p>
    </section>

    <section class="card">
      <h2>计划信息</h2>
      <dl class="facts">
        <dt>抽查计划编号</dt><dd>{{number}}</dd>
        <dt>抽查任务</dt><dd>{{taskNumber}} {{taskName}}</dd>
        <dt>类型</dt><dd>{{kind}} · {{drawType}}</dd>
        <dt>抽查对象范围</dt><dd>{{scope}}</dd>
        <dt>抽查比例</dt><dd>{{ratioText}}</dd>
        <dt>抽查时间</dt><dd>{{window}}</dd>
        <dt>牵头部门</dt><dd>{{lead}}</dd>
        <dt>联合部门</dt><dd>{{partners}}</dd>
        <dt>每人最多检查</dt><dd>{{maxPerInspector}} 户</dd>
      </dl>
    </section>

    {{^empty(deadlines)}}
    <section class="card" id="deadlines">
      <h2>期限（工作日；各部门确认及本页企业）</h2>
      <div class="scroll"><table>
        <thead><tr><th>事项</th><th>对象</th><th>期限</th><th>状态</th></tr></thead>
        <tbody>{{#deadlines}}<tr class="{{#overdue}}overdue{{/overdue}}{{#done}}done{{/done}}"><td>{{kind}}</td><td>{{subject}}</td><td>{{due}}</td><td>{{status}}</td></tr>{{/deadlines}}</tbody>
      </table></div>
    </section>
    {{/empty(deadlines)}}

    <section class="card" id="items">
      <h2>检查事项</h2>
      {{#itemsOfOthersHidden}}<p class="muted">事项锁定前，只显示本部门提交的事项。</p>{{/itemsOfOthersHidden}}
      {{#departments}}
      <h3>{{departmentName}}{{#mine}} <span class="badge">本部门</span>{{/mine}}</h3>
      {{#empty(items)}}<p class="muted">尚未提交事项。</p>{{/empty(items)}}
      <ul class="items">
        {{#items}}<li><strong>{{code}}</strong> {{name}}{{#objects}}<span class="muted">（适用：{{objects}}）</span>{{/objects}}
          {{#canRemove}}<form method="post" action="{{link}}/items/remove" class="inline">{{>csrf}}<input type="hidden" name="codes[]" value="{{code}}"><button class="link danger">移除</button></form>{{/canRemove}}</li>{{/items}}
      </ul>
      {{/departments}}
      {{#canEditItems}}
      {{^empty(addable)}}
      <form method="post" action="{{link}}/items" class="stack add-items">
        {{>csrf}}
        <h3>从本部门事项清单中添加</h3>
        <div class="checklist">{{#addable}}<label class="check"><input type="checkbox" name="codes[]" value="{{code}}"> <strong>{{code}}</strong> {{name}}</label>{{/addable}}</div>
        <label>适用对象标签（可选，多个用“；”分隔，如 行业=危化）<input name="labels"></label>
        <button class="primary">提交所选事项</button>
      </form>
      {{/empty(addable)}}
      {{/canEditItems}}
    </section>

    {{#myConfirmation}}
    <section class="card" id="confirm">
      <h2>本部门确认派发企业</h2>
      <p>确认期限：<strong>{{due}}</strong>（2 个工作日，依据\#(Citation.luancheng2026)四(一)“在两个工作日内完成比对和确认”）{{#overdue}} <span class="badge danger">已逾期</span>{{/overdue}}{{#confirmedOn}} · 已于 {{confirmedOn}} 确认{{/confirmedOn}}</p>
      {{#pager}}{{>pager}}{{/pager}}
      {{#canConfirm}}
      <form method="post" action="{{link}}/confirm" class="stack">
        {{>csrf}}
        <div class="scroll"><table>
          <thead><tr><th>企业</th><th>退回原因（留空即确认由本部门检查）</th></tr></thead>
          <tbody>{{#enterprises}}<tr><td>{{name}}<br><span class="muted">{{uscc}}</span></td><td><input name="reject[{{uscc}}]" placeholder="如：不属本部门监管"></td></tr>{{/enterprises}}</tbody>
        </table></div>
        <p class="muted">确认针对派发给本部门的全部企业；退回的企业须在所在页面填写原因后再确认。</p>
        <button class="primary big">确认</button>
      </form>
      {{/canConfirm}}
      {{^canConfirm}}
      <ul class="items">{{#enterprises}}<li>{{name}} <span class="muted">{{uscc}}</span>{{#rejectedReason}} <span class="badge danger">已退回：{{rejectedReason}}</span>{{/rejectedReason}}</li>{{/enterprises}}</ul>
      {{/canConfirm}}
    </section>
    {{/myConfirmation}}

    {{^empty(confirmations)}}
    <section class="card">
      <h2>各部门确认情况</h2>
      <ul class="items">{{#confirmations}}<li>{{departmentName}}：期限 {{due}}，{{#confirmedOn}}已于 {{confirmedOn}} 确认{{/confirmedOn}}{{^confirmedOn}}{{#overdue}}<span class="badge danger">逾期未确认</span>{{/overdue}}{{^overdue}}待确认{{/overdue}}{{/confirmedOn}}</li>{{/confirmations}}</ul>
    </section>
    {{/empty(confirmations)}}

    {{^empty(strata)}}
    <section class="card">
      <h2>抽取结果（按信用风险等级）</h2>
      <div class="scroll"><table>
        <thead><tr><th>分层</th><th>比例</th><th>候选企业</th><th>抽取</th></tr></thead>
        <tbody>{{#strata}}<tr><td>{{name}}</td><td>{{ratio}}</td><td class="num">{{candidates}}</td><td class="num">{{quota}}{{#raised}} *{{/raised}}</td></tr>{{/strata}}</tbody>
      </table></div>
      {{#anyRaised}}<p class="muted">* 为满足总体比例而增加。</p>{{/anyRaised}}
    </section>
    {{/empty(strata)}}

    {{#showEnterprises}}
    <section class="card" id="enterprises">
      <h2>检查企业及结果</h2>
      {{#pager}}{{>list-filter}}{{>pager}}{{/pager}}
      <div class="scroll"><table>
        <thead><tr><th>企业</th><th>检查部门</th><th>已录入</th><th>公示</th></tr></thead>
        <tbody>{{#enterprises}}<tr><td><a href="{{link}}">{{name}}</a><br><span class="muted">{{uscc}}</span></td><td>{{departments}}</td><td class="num{{#complete}} ok{{/complete}}">{{progress}}</td><td>{{#published}}{{published}}{{/published}}</td></tr>{{/enterprises}}</tbody>
      </table></div>
      {{#pager}}{{>pager}}{{/pager}}
    </section>
    {{/showEnterprises}}
    {{/content}}{{/body}}{{/layout}}
    """#

    static let planNew = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="/plans">抽查计划</a> › 新建</p>
    <h1>新建联合抽查计划</h1>
    <form method="post" action="/plans" class="card stack">
      {{>csrf}}
      <div class="grid">
        <label>抽查计划编号 *<input name="number" required placeholder="如 栾联2026007"></label>
        <label>抽查计划名称 *<input name="name" required></label>
        <label>抽查任务编号<input name="taskNumber" placeholder="默认同计划编号"></label>
        <label>抽查任务名称<input name="taskName" placeholder="默认同计划名称"></label>
        <label>辖区 *<input name="jurisdiction" required value="{{jurisdiction}}" placeholder="如 石家庄市栾城区"></label>
        <label>本年度第几次联合抽查 *<input name="ordinal" type="number" min="1" required value="{{suggestedOrdinal}}"></label>
        <label>类型<select name="kind"><option>跨部门</option><option>内部</option></select></label>
        <label>抽查类型<select name="drawType"><option>不定向</option><option>定向</option></select></label>
        <label>开始日期 *<input name="start" type="date" required></label>
        <label>结束日期 *<input name="end" type="date" required></label>
        <label>每名执法人员最多检查（户）<input name="maxPerInspector" type="number" min="1" value="5"></label>
      </div>
      <label>抽查对象范围（印在计划表上）<input name="scope" placeholder="如 监管对象名录库中应急管理领域涉及到的企业"></label>
      <fieldset><legend>范围限于以下部门监管的企业（不选即全部）</legend>
        <div class="checklist">{{#departments}}<label class="check"><input type="checkbox" name="scopeDepartments[]" value="{{code}}"{{#isLead}} checked{{/isLead}}> {{name}}</label>{{/departments}}</div>
      </fieldset>
      <fieldset><legend>抽查比例（按信用风险等级）</legend>
        <div class="grid four">
          <label>A 类<input name="ratioA" placeholder="2%"></label><label>B 类<input name="ratioB" placeholder="3%"></label>
          <label>C 类<input name="ratioC" placeholder="5%"></label><label>D 类<input name="ratioD" placeholder="10%"></label>
        </div>
        <label>总体不低于<input name="overall" value="3%"></label>
      </fieldset>
      <p>牵头部门：<strong>{{leadName}}</strong></p>
      <fieldset><legend>联合部门</legend>
        <div class="checklist">{{#departments}}{{^isLead}}<label class="check"><input type="checkbox" name="partners[]" value="{{code}}"> {{name}}</label>{{/isLead}}{{/departments}}</div>
      </fieldset>
      <button class="primary big">创建计划</button>
    </form>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let teams = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="/plans">抽查计划</a> › <a href="{{planLink}}">{{number}}</a> › 检查组</p>
    <h1>检查组 <span class="badge">{{stateLabel}}</span></h1>
    <p class="sub">{{name}}{{#teamDrawLink}} · <a href="{{teamDrawLink}}">人员匹配记录（可核验）</a>{{/teamDrawLink}}</p>
    {{#pager}}{{>list-filter}}{{>pager}}{{/pager}}
    {{#empty(teams)}}<p class="muted">{{#pager.filtered}}没有符合筛选条件的检查组。{{/pager.filtered}}{{^pager.filtered}}尚未匹配检查人员。{{/pager.filtered}}</p>{{/empty(teams)}}
    {{#teams}}
    <section class="card team">
      <h2><a href="{{enterpriseLink}}">{{enterpriseName}}</a> <span class="muted">{{uscc}}</span></h2>
      <p>{{departmentName}}</p>
      <ul class="items">{{#members}}<li>{{name}}（{{certificate}}） · {{role}}</li>{{/members}}</ul>
      {{^empty(replacements)}}<p class="muted">替换记录：</p><ul class="items">{{#replacements}}<li>{{replaced}} → {{by}}：{{reason}}（批准：{{approvedBy}}）</li>{{/replacements}}</ul>{{/empty(replacements)}}
      {{#canEdit}}
      <details><summary>申请替换检查人员（须说明原因并经负责人批准）</summary>
        <form method="post" action="{{planLink}}/teams/replace" class="stack">
          {{>csrf}}<input type="hidden" name="uscc" value="{{uscc}}">
          <label>被替换人员<select name="certificate">{{#members}}{{#canReplace}}<option value="{{certificate}}">{{name}}（{{certificate}}）</option>{{/canReplace}}{{/members}}</select></label>
          <label>原因 *<input name="reason" required placeholder="如 因病住院，无法参加检查"></label>
          <label>批准的负责人 *<input name="approvedBy" required></label>
          <button class="primary">替换</button>
        </form>
      </details>
      {{^empty(assistants)}}
      <details><summary>增加协助人员（专家、监测人员，不计入最少人数）</summary>
        <form method="post" action="{{planLink}}/teams/assist" class="stack">
          {{>csrf}}<input type="hidden" name="uscc" value="{{uscc}}">
          <label>协助人员<select name="certificate">{{#assistants}}<option value="{{certificate}}">{{name}}（{{certificate}}）</option>{{/assistants}}</select></label>
          <button>增加</button>
        </form>
      </details>
      {{/empty(assistants)}}
      {{/canEdit}}
    </section>
    {{/teams}}
    {{#pager}}{{>pager}}{{/pager}}
    {{/content}}{{/body}}{{/layout}}
    """#

    static let statistics = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="/plans">抽查计划</a> › <a href="{{planLink}}">{{number}}</a> › 统计</p>
    <h1>{{title}}</h1>
    {{#subtitle}}<p class="sub">{{.}}</p>{{/subtitle}}
    <p class="links"><a href="{{docxLink}}">下载 Word（DOCX）</a><a href="{{xlsxLink}}">下载 Excel（XLSX）</a></p>
    <section class="card">
      <div class="scroll"><table class="stats">
        <thead>
          <tr>{{#headerTop}}<th rowspan="{{rowspan}}" colspan="{{colspan}}">{{label}}</th>{{/headerTop}}</tr>
          {{^empty(headerBottom)}}<tr>{{#headerBottom}}<th>{{label}}</th>{{/headerBottom}}</tr>{{/empty(headerBottom)}}
        </thead>
        <tbody>{{#rows}}<tr{{#total}} class="total"{{/total}}>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
      </table></div>
    </section>
    <section class="card">
      <h2>各部门检查结果</h2>
      {{#chart}}
      <svg class="chart" viewBox="0 0 {{width}} {{height}}" width="100%" role="img" aria-label="{{description}}" xmlns="http://www.w3.org/2000/svg">
        {{#legend}}<rect x="{{x}}" y="{{y}}" width="12" height="12" fill="{{color}}"/><text x="{{x}}" y="{{y}}" dx="16" dy="11" class="legend">{{label}}</text>{{/legend}}
        {{#groups}}
          <text x="184" y="{{labelY}}" text-anchor="end" class="group">{{label}}</text>
          {{#bars}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" fill="{{color}}"><title>{{title}}</title></rect><text x="{{textX}}" y="{{textY}}" class="value">{{value}}</text>{{/bars}}
          <line x1="190" x2="{{width}}" y1="{{lineY}}" y2="{{lineY}}" class="sep"/>
        {{/groups}}
      </svg>
      {{#empty}}<p class="muted">尚无检查结果。</p>{{/empty}}
      {{/chart}}
    </section>
    {{#visits}}
    <section class="card" id="visits">
      <h2>扫码入企</h2>
      <dl class="facts">
        <dt>亮码率</dt><dd>{{checkInRate}}（入企扫码 {{checkedIn}} / 实施检查 {{visits}}，目标 100%）</dd>
        <dt>企业评价</dt><dd>{{evaluations}} 条，满意率 {{satisfiedRate}}，不满意 {{dissatisfied}} 条；投诉 {{complaints}} 件</dd>
        <dt>超出年度上限被拒报备</dt><dd>{{refusedAtCap}} 次</dd>
        <dt>使用豁免</dt><dd>{{exemptions}}</dd>
      </dl>
      {{^empty(withoutCode)}}<h3>无码检查</h3><ul class="items">{{#withoutCode}}<li>{{id}} · {{uscc}}：{{reason}}</li>{{/withoutCode}}</ul>{{/empty(withoutCode)}}
    </section>
    {{/visits}}
    {{/content}}{{/body}}{{/layout}}
    """#
}
