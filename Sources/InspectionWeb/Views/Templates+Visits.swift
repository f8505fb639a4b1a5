extension Templates {
    static let visits = #"""
    {{<layout}}{{$body}}{{#content}}
    <div class="titlebar"><h1>检查报备</h1></div>
    <p class="sub">任务报备 → 负责人审批（赋码）→ 扫码入企 → 结果上传 → 企业评价。{{#pendingOnly}}仅显示待审批。 <a href="/visits">全部</a>{{/pendingOnly}}{{^pendingOnly}}<a href="/visits?pending=1">只看待审批</a>{{/pendingOnly}}</p>
    {{#canFile}}<p><a class="button primary" href="/visits/new">任务报备</a></p>{{/canFile}}
    {{^empty(warnings)}}<section class="card" id="frequency"><h2>频次预警（本年）</h2>
      <ul class="items">{{#warnings}}<li><span class="badge danger">过频</span> {{.}}</li>{{/warnings}}</ul></section>{{/empty(warnings)}}
    {{#empty(rows)}}<p class="muted">没有检查报备。</p>{{/empty(rows)}}
    <ul class="cards">
    {{#rows}}
      <li class="card"><a href="{{link}}"><strong>{{id}}</strong> {{enterprise}}</a>
        <p><span class="badge">{{status}}</span> {{window}} · {{departments}}{{#emergency}} <span class="badge danger">紧急</span>{{/emergency}}{{#overdue}} <span class="badge danger">补批逾期</span>{{/overdue}}</p></li>
    {{/rows}}
    </ul>
    <p class="muted">共 {{total}} 条 {{#previous}}<a href="{{previous}}">上一页</a>{{/previous}} {{#next}}<a href="{{next}}">下一页</a>{{/next}}</p>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let visit = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="/visits">检查报备</a> › {{id}}</p>
    <h1>{{enterprise}}</h1>
    <p class="sub"><span class="badge">{{status}}</span>{{#emergency}} <span class="badge danger">紧急检查（事后补批）</span>{{/emergency}} · {{window}}</p>
    {{#canCheckIn}}
    <section class="card">
      <form method="post" action="{{checkInAction}}" class="stack" data-geolocation>
        {{>csrf}}
        <input type="hidden" name="latitude" value=""><input type="hidden" name="longitude" value="">
        <button class="primary big">入企扫码</button>
        <p class="hint">到达企业时点击；如您允许，浏览器会一并记录位置。</p>
        <details><summary>网络故障后补录（10 个自然日内）</summary>
          <label>实际入企时间<input type="datetime-local" name="at"></label>
          <label>补录原因<input name="lateReason" placeholder="如 现场无网络信号"></label>
        </details>
      </form>
    </section>
    {{/canCheckIn}}
    {{#canCheckOut}}
    <section class="card">
      <form method="post" action="{{checkOutAction}}" class="stack">
        {{>csrf}}
        <button class="primary big">离企</button>
        <details><summary>网络故障后补录</summary>
          <label>实际离企时间<input type="datetime-local" name="at"></label>
          <label>补录原因<input name="lateReason"></label>
        </details>
      </form>
    </section>
    {{/canCheckOut}}
    {{#resultsLink}}<p><a class="button" href="{{resultsLink}}">填写检查结果（一企一表）</a></p>{{/resultsLink}}
    {{#canRecord}}
    <section class="card" id="result">
      <h2>结果上传</h2>
      <form method="post" action="{{resultAction}}" class="stack">
        {{>csrf}}
        <div class="choices">{{#outcomes}}<label class="choice"><input type="radio" name="outcome" value="{{.}}" required><span>{{.}}</span></label>{{/outcomes}}</div>
        <label>检查情况<textarea name="findings" rows="3" maxlength="2000" placeholder="发现的问题；计划检查可写「详见一企一表」"></textarea></label>
        {{#withoutCheckIn}}
        <p class="error" role="alert">本次检查没有入企扫码记录。网络故障的，请在 10 个自然日内用上方「网络故障后补录」补录入企、离企时间；否则按无码检查上传，须说明原因。</p>
        <label>无码检查的原因<input name="noCodeReason" required maxlength="500"></label>
        {{/withoutCheckIn}}
        <button class="primary big">上传结果</button>
      </form>
    </section>
    {{/canRecord}}
    <section class="card">
      <dl class="facts">
        <dt>统一社会信用代码</dt><dd>{{uscc}}</dd>
        <dt>地址</dt><dd>{{address}}</dd>
        <dt>检查机关</dt><dd>{{departments}}</dd>
        <dt>任务来源</dt><dd>{{source}}</dd>
        <dt>审批</dt><dd>{{approval}}</dd>
        {{#shortCode}}<dt>检查码</dt><dd><a href="{{codeLink}}">{{shortCode}}</a></dd>{{/shortCode}}
        {{#checkedInAt}}<dt>入企</dt><dd>{{checkedInAt}}{{#location}}（{{location}}）{{/location}}{{#lateReason}} · 补录：{{lateReason}}{{/lateReason}}</dd>{{/checkedInAt}}
        {{#checkedOutAt}}<dt>离企</dt><dd>{{checkedOutAt}}</dd>{{/checkedOutAt}}
        {{#outcome}}<dt>结果</dt><dd>{{outcome}}{{#noCodeReason}}（无码检查：{{noCodeReason}}）{{/noCodeReason}}</dd>{{/outcome}}
      </dl>
      {{#qrLink}}<p><img src="{{qrLink}}" width="160" height="160" alt="检查码 {{shortCode}}"></p>{{/qrLink}}
      <h2>检查人员</h2>
      <ul class="items">{{#inspectors}}<li>{{name}} · {{department}} · 执法证号 {{certificate}}</li>{{/inspectors}}</ul>
      <h2>检查事项及依据</h2>
      <ul class="items">{{#items}}<li>{{department}}：{{name}} — {{basis}}</li>{{/items}}</ul>
      <p class="links"><a class="button" href="{{noticeLink}}">行政检查通知书（DOCX）</a> <a class="button" href="{{recordLink}}">现场检查笔录（DOCX）</a> <a class="button" href="{{approvalLink}}">行政检查审批表（DOCX）</a></p>
    </section>
    {{#canApprove}}
    <section class="card narrow">
      <h2>负责人审批</h2>
      <form method="post" action="{{approveAction}}" class="stack">{{>csrf}}<button class="primary big">批准并赋码</button></form>
      <form method="post" action="{{refuseAction}}" class="stack">{{>csrf}}
        <label>不予批准的理由<input name="reason" required></label><button>不予批准</button></form>
    </section>
    {{/canApprove}}
    <script src="/static/visit.js"></script>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let visitPublic = #"""
    {{<layout}}{{$body}}{{#content}}
    {{#sent}}<p class="flash" role="status">{{sent}}</p>{{/sent}}
    {{#inspectorLink}}<p><a class="button primary big" href="{{inspectorLink}}">检查人员：入企 / 离企</a></p>{{/inspectorLink}}
    <section class="card">
      {{#refused}}<p class="error" role="alert">本次检查未获批准，检查人员不得实施检查。如有人持此码入企检查，请投诉。</p>{{/refused}}
      {{^refused}}<p class="flash">这是一次依法报备并经负责人批准的行政检查{{#emergency}}（紧急检查，事后补批）{{/emergency}}。</p>{{/refused}}
      <h1>{{enterprise}}</h1>
      <p class="sub">统一社会信用代码 {{uscc}} · 检查码 {{shortCode}}</p>
      <dl class="facts">
        <dt>检查机关</dt><dd>{{#departments}}{{.}}<br>{{/departments}}</dd>
        <dt>检查时间</dt><dd>{{window}}</dd>
        <dt>审批</dt><dd>{{approval}}</dd>
        <dt>任务来源</dt><dd>{{source}}{{#sourceLink}} · <a href="{{sourceLink}}">核验随机抽取</a>{{/sourceLink}}</dd>
      </dl>
      <h2>检查人员（请核对执法证件）</h2>
      <ul class="items">{{#inspectors}}<li>{{name}} · {{department}} · 执法证号 {{certificate}}</li>{{/inspectors}}</ul>
      <h2>检查事项及依据</h2>
      <ul class="items">{{#items}}<li>{{department}}：{{name}}<br><span class="muted">依据：{{basis}}</span></li>{{/items}}</ul>
      <p class="muted">您有陈述、申辩和申请回避的权利；检查人员少于两人、未出示执法证件或通知书和检查码的，有权拒绝检查。</p>
    </section>
    {{#visited}}
    <section class="card">
      <h2>本次检查</h2>
      <p>{{#checkedInAt}}入企 {{checkedInAt}}{{/checkedInAt}}{{#checkedOutAt}} · 离企 {{checkedOutAt}}{{/checkedOutAt}}</p>
      {{#outcome}}<p>检查结果：<strong>{{outcome}}</strong> {{findings}}</p>{{/outcome}}
    </section>
    {{/visited}}
    {{#canEvaluate}}
    <section class="card narrow" id="evaluate">
      <h2>评价本次检查</h2>
      <p class="hint">评价直接报送牵头部门和监督机关，被检查部门只能看到统计数。每次检查只能评价一次。</p>
      <form method="post" action="{{evaluationAction}}" class="stack">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <div class="choices">{{#ratings}}<label class="choice"><input type="radio" name="rating" value="{{.}}" required><span>{{.}}</span></label>{{/ratings}}</div>
        <label class="check"><input type="checkbox" name="certificatesShown" value="true"> 检查人员出示了执法证件</label>
        <label class="check"><input type="checkbox" name="noticeGiven" value="true"> 出示了行政检查通知书</label>
        <label class="check"><input type="checkbox" name="rightsTold" value="true"> 告知了权利义务</label>
        <label class="check"><input type="checkbox" name="productionDisturbed" value="true"> 检查影响了正常生产经营</label>
        <label class="check"><input type="checkbox" name="integrityKept" value="true"> 检查人员廉洁自律（无吃拿卡要）</label>
        <label>意见建议<textarea name="comment" rows="3" maxlength="1000"></textarea></label>
        <button class="primary big">提交评价</button>
      </form>
    </section>
    {{/canEvaluate}}
    {{#evaluated}}<p class="muted">本次检查已评价，感谢您的反馈。</p>{{/evaluated}}
    <section class="card narrow" id="complain">
      <h2>投诉</h2>
      <form method="post" action="{{complaintAction}}" class="stack">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>投诉内容<textarea name="text" rows="3" maxlength="1000" required></textarea></label>
        <label>联系方式（可不填）<input name="contact" maxlength="100"></label>
        <button>提交投诉</button>
      </form>
    </section>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let visitNew = #"""
    {{<layout}}{{$body}}{{#content}}
    <p class="crumbs"><a href="/visits">检查报备</a> › 任务报备</p>
    <h1>任务报备</h1>
    <p class="sub">{{department}}牵头报备；联合检查一次报备、只计一次（综合查一次）。报备后由本部门负责人审批并赋码。</p>
    <section class="card">
      <form method="post" action="/visits" class="stack">
        {{>csrf}}
        <fieldset><legend>任务来源</legend>
          <label class="check"><input type="radio" name="source" value="plan"{{#isPlan}} checked{{/isPlan}} required> 联合抽查计划</label>
          <label>抽查计划<select name="plan"><option value="">（选择）</option>{{#plans}}<option value="{{number}}"{{#selected}} selected{{/selected}}>{{number}} {{name}}</option>{{/plans}}</select></label>
          <label class="check"><input type="radio" name="source" value="routine"{{#isRoutine}} checked{{/isRoutine}}> 日常“双随机”抽查</label>
          <label>抽取记录编号<input name="draw" value="{{draw}}" placeholder="如 D2026Q2-0001"></label>
          <label class="check"><input type="radio" name="source" value="cause"{{#isCause}} checked{{/isCause}}> 依事由检查（不受年度上限限制）</label>
          <label>事由<select name="cause"><option value="">（选择）</option>{{#causes}}<option value="{{.}}">{{.}}</option>{{/causes}}</select></label>
          <label>事由说明<input name="causeNote" maxlength="500" placeholder="如 12345 热线工单号"></label>
        </fieldset>
        <label>企业统一社会信用代码<input name="uscc" value="{{uscc}}" required maxlength="18" autocapitalize="characters"></label>
        <label>检查部门（部门编码，牵头部门在前，逗号分隔）<input name="departments" placeholder="计划检查可不填：按派发部门"></label>
        <label>检查人员执法证号（逗号分隔，至少两名）<input name="inspectors" placeholder="计划检查可不填：按匹配的检查组"></label>
        <label>检查事项（部门编码:事项编码，逗号分隔）<input name="items" placeholder="计划检查可不填：按派发的事项"></label>
        <div class="row"><label>开始日期<input type="date" name="from" value="{{today}}" required></label>
          <label>结束日期<input type="date" name="to"></label></div>
        <label class="check"><input type="checkbox" name="emergency" value="true"> 紧急检查（立即赋码，负责人事后补批）</label>
        <fieldset><legend>超出年度检查上限时的豁免</legend>
          <label>豁免事由<select name="exemption"><option value="">（无）</option>{{#exemptions}}<option value="{{.}}">{{.}}</option>{{/exemptions}}</select></label>
          <label>豁免理由<input name="exemptionReason" maxlength="500"></label>
        </fieldset>
        <button class="primary big">报备</button>
      </form>
    </section>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let visitCode = #"""
    {{<layout}}{{$body}}{{#content}}
    <section class="card narrow">
      <h1>检查码核验</h1>
      <p class="sub">输入行政检查通知书上的检查码（如 ABCD-1234），或直接扫描二维码。</p>
      <form method="get" action="/v" class="stack">
        <label>检查码<input name="code" required autocomplete="off" autocapitalize="characters"></label>
        <button class="primary big">核验</button>
      </form>
    </section>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let evaluations = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>企业评价与投诉</h1>
    <section class="card">
      <p>评价 {{counts.evaluations}} 条：满意 {{counts.satisfied}} · 基本满意 {{counts.fairlySatisfied}} · 不满意 {{counts.dissatisfied}} · 投诉 {{counts.complaints}} 件</p>
      {{^full}}<p class="muted">被检查部门只能看到本部门参与的检查的评价统计数，看不到评价内容。</p>{{/full}}
      {{#excludedNote}}<p class="muted">{{excludedNote}}</p>{{/excludedNote}}
    </section>
    {{#full}}
    <section class="card"><h2>评价（{{evaluationTotal}}）</h2>
      <div class="scroll"><table><thead><tr><th>检查</th><th>企业</th><th>检查机关</th><th>时间</th><th>评价</th><th>亮证</th><th>通知书</th><th>告知权利</th><th>影响生产</th><th>廉洁</th><th>意见</th></tr></thead>
      <tbody>{{#evaluations}}<tr><td>{{visit}}</td><td>{{enterprise}}</td><td>{{departments}}</td><td>{{at}}</td><td>{{rating}}</td>
        <td>{{#certificatesShown}}是{{/certificatesShown}}{{^certificatesShown}}否{{/certificatesShown}}</td>
        <td>{{#noticeGiven}}是{{/noticeGiven}}{{^noticeGiven}}否{{/noticeGiven}}</td>
        <td>{{#rightsTold}}是{{/rightsTold}}{{^rightsTold}}否{{/rightsTold}}</td>
        <td>{{#productionDisturbed}}是{{/productionDisturbed}}{{^productionDisturbed}}否{{/productionDisturbed}}</td>
        <td>{{#integrityKept}}是{{/integrityKept}}{{^integrityKept}}否{{/integrityKept}}</td><td>{{comment}}</td></tr>{{/evaluations}}</tbody></table></div>
      {{#evaluationPages}}<p class="muted">{{#previous}}<a href="{{previous}}">上一页</a>{{/previous}} {{#next}}<a href="{{next}}">下一页</a>{{/next}}</p>{{/evaluationPages}}
    </section>
    <section class="card"><h2>投诉（{{complaintTotal}}）</h2>
      <ul class="items">{{#complaints}}<li>{{at}} · {{visit}} {{enterprise}}（{{departments}}）：{{text}}{{#contact}} · 联系方式 {{contact}}{{/contact}}</li>{{/complaints}}</ul>
      {{#complaintPages}}<p class="muted">{{#previous}}<a href="{{previous}}">上一页</a>{{/previous}} {{#next}}<a href="{{next}}">下一页</a>{{/next}}</p>{{/complaintPages}}
    </section>
    {{/full}}
    {{/content}}{{/body}}{{/layout}}
    """#

    static let publicItems = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>随机抽查事项清单</h1>
    <p class="sub">各部门随机抽查事项（检查对象、检查方式、检查依据），调整后即时公布。</p>
    {{#departments}}
    <section class="card"><h2>{{name}}</h2>
      <div class="scroll"><table><thead><tr><th>编码</th><th>抽查事项</th><th>检查对象</th><th>检查方式</th><th>事项类别</th><th>抽查比例及频次</th><th>检查依据</th></tr></thead>
      <tbody>{{#items}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{object}}</td><td>{{method}}</td><td>{{category}}</td><td>{{ratio}}</td><td>{{basis}}</td></tr>{{/items}}</tbody></table></div>
    </section>
    {{/departments}}
    {{/content}}{{/body}}{{/layout}}
    """#

    /// Fills the check-in form's location from the browser, if the inspector allows it, then submits.
    /// Served as /static/visit.js: the pages carry no inline script.
    static let visitScript = #"""
    document.querySelectorAll("form[data-geolocation]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.located || !navigator.geolocation) { return; }
        event.preventDefault();
        var send = function () { form.dataset.located = "1"; form.submit(); };
        navigator.geolocation.getCurrentPosition(function (p) {
          form.elements.latitude.value = p.coords.latitude.toFixed(5);
          form.elements.longitude.value = p.coords.longitude.toFixed(5);
          send();
        }, send, { timeout: 8000, maximumAge: 60000 });
      });
    });
    """#
}
