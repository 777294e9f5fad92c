<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnswerDelegate</name>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="81" />
        <source>Team members disagree: %1. The lead chooses the value.</source>
        <translation>评估组成员意见不一致：%1。由组长确定取值。</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="98" />
        <source>Photos: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="105" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerDelegate.qml" line="112" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>AnswerTitle</name>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="31" />
        <source>Major hazard</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="31" />
        <source>Hazard</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="37" />
        <source>Prefilled</source>
        <translation>预填</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="43" />
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../qml/AnswerTitle.qml" line="43" />
        <source>Resolved</source>
        <translation>已裁定</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../mobile/app.cpp" line="17" />
        <source>The data on this tablet cannot be opened (%1). Nothing has been changed; ask for support before continuing.</source>
        <translation>无法打开本机数据（%1）。数据未做任何改动；请先联系技术支持再继续。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="92" />
        <source>The demo inspection could not be created: %1</source>
        <translation>无法创建演示评估：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="101" />
        <source>Inspection %1 is not assigned to you on this tablet.</source>
        <translation>本机上没有分配给您的评估 %1。</translation>
    </message>
    <message>
        <location filename="../../mobile/app.cpp" line="112" />
        <source>The inspection could not be opened: %1</source>
        <translation>无法打开该评估：%1</translation>
    </message>
</context>
<context>
    <name>AssignmentDelegate</name>
    <message>
        <location filename="../../qml/AssignmentDelegate.qml" line="41" />
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentDelegate.qml" line="63" />
        <source>%1% done</source>
        <translation>已完成 %1%</translation>
    </message>
</context>
<context>
    <name>AssignmentsPage</name>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="9" />
        <source>My assignments</source>
        <translation>我的评估任务</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="20" />
        <source>Working offline: changes are kept on this tablet.</source>
        <translation>离线工作中：所有修改都保存在本机。</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="21" />
        <source>Signed in as %1 (%2).</source>
        <translation>当前用户：%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="34" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="60" />
        <source>No inspections are assigned to you on this tablet yet.</source>
        <translation>本机上还没有分配给您的评估任务。</translation>
    </message>
    <message>
        <location filename="../../qml/AssignmentsPage.qml" line="66" />
        <source>Open the demo inspection</source>
        <translation>打开演示评估</translation>
    </message>
</context>
<context>
    <name>CeCheckEditor</name>
    <message>
        <location filename="../../qml/CeCheckEditor.qml" line="17" />
        <source>✓ Compliant</source>
        <translation>✓ 符合</translation>
    </message>
    <message>
        <location filename="../../qml/CeCheckEditor.qml" line="18" />
        <source>✗ Non-compliant</source>
        <translation>✗ 不符合</translation>
    </message>
    <message>
        <location filename="../../qml/CeCheckEditor.qml" line="19" />
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>CeDateEditor</name>
    <message>
        <location filename="../../qml/CeDateEditor.qml" line="22" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>CeEvidenceSlot</name>
    <message>
        <location filename="../../qml/CeEvidenceSlot.qml" line="23" />
        <source>%1 of %2 photos attached</source>
        <translation>已附照片 %1 / %2 张</translation>
    </message>
    <message>
        <location filename="../../qml/CeEvidenceSlot.qml" line="24" />
        <source>Not signed yet</source>
        <translation>尚未签字</translation>
    </message>
</context>
<context>
    <name>CeHeader</name>
    <message>
        <location filename="../../qml/CeHeader.qml" line="30" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../qml/CeHeader.qml" line="50" />
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../qml/CeHeader.qml" line="62" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>CeNoteField</name>
    <message>
        <location filename="../../qml/CeNoteField.qml" line="12" />
        <source>Required: describe what was found</source>
        <translation>必填：说明发现的问题</translation>
    </message>
    <message>
        <location filename="../../qml/CeNoteField.qml" line="12" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CeNumberEditor</name>
    <message>
        <location filename="../../qml/CeNumberEditor.qml" line="19" />
        <source>Number</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>CeScoreEditor</name>
    <message>
        <location filename="../../qml/CeScoreEditor.qml" line="41" />
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../qml/CeScoreEditor.qml" line="62" />
        <source>of %1 points</source>
        <translation>（满分 %1 分）</translation>
    </message>
    <message>
        <location filename="../../qml/CeScoreEditor.qml" line="66" />
        <source>Computed from earlier steps; tap a value to confirm or change it.</source>
        <translation>根据前面步骤自动计算；点选分值以确认或修改。</translation>
    </message>
</context>
<context>
    <name>CeSyncBadge</name>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="10" />
        <source>Refused: %1</source>
        <translation>被拒收：%1</translation>
    </message>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="11" />
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="12" />
        <source>Waiting to send: %1</source>
        <translation>待发送：%1</translation>
    </message>
    <message>
        <location filename="../../qml/CeSyncBadge.qml" line="13" />
        <source>All sent</source>
        <translation>已全部发送</translation>
    </message>
</context>
<context>
    <name>CeTextEditor</name>
    <message>
        <location filename="../../qml/CeTextEditor.qml" line="12" />
        <source>Type here</source>
        <translation>在此输入</translation>
    </message>
</context>
<context>
    <name>ConclusionPage</name>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="11" />
        <source>Step %1 of 8</source>
        <translation>第 %1 步（共 8 步）</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="32" />
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="34" />
        <source>The institution passes.</source>
        <translation>该机构评估合格。</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="35" />
        <source>The institution does not pass.</source>
        <translation>该机构评估不合格。</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="36" />
        <source>Not complete: the points below are still open.</source>
        <translation>尚未完成：以下事项仍待处理。</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="42" />
        <source>Passes</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="42" />
        <source>Fails</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="42" />
        <source>Not complete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="48" />
        <source>Indicators</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="55" />
        <source>Why it does not pass</source>
        <translation>不合格原因</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="62" />
        <source>Team conflicts for the lead</source>
        <translation>待组长裁定的冲突</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="69" />
        <source>Required items still missing</source>
        <translation>尚缺的必填项</translation>
    </message>
    <message>
        <location filename="../../qml/ConclusionPage.qml" line="74" />
        <source>Conclusion of the team</source>
        <translation>评估组结论</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="11" />
        <source>Step %1 of 8</source>
        <translation>第 %1 步（共 8 步）</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="38" />
        <source>Findings (%1)</source>
        <translation>问题清单（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="44" />
        <source>Add finding</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="53" />
        <source>No findings yet. Non-compliant items flagged as hazards appear here by themselves.</source>
        <translation>暂无问题。标记为隐患的不符合项会自动列在这里。</translation>
    </message>
    <message>
        <location filename="../../qml/FeedbackPage.qml" line="64" />
        <source>Feedback meeting</source>
        <translation>反馈会议</translation>
    </message>
</context>
<context>
    <name>FindingDelegate</name>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="33" />
        <source>Major hazard</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="34" />
        <source>Hazard</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="35" />
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="36" />
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="40" />
        <source>From the non-compliant item “%1”</source>
        <translation>来自不符合项“%1”</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="52" />
        <source>Improvement suggestion</source>
        <translation>整改建议</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="61" />
        <source>Responsible party</source>
        <translation>责任方</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="69" />
        <source>Deadline (2026-12-31)</source>
        <translation>整改期限（2026-12-31）</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDelegate.qml" line="78" />
        <source>Needs a suggestion, a responsible party and a deadline.</source>
        <translation>需填写整改建议、责任方和整改期限。</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="9" />
        <source>New finding</source>
        <translation>新增问题</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="27" />
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="28" />
        <source>Improvement suggestion</source>
        <translation>整改建议</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="29" />
        <source>Responsible party</source>
        <translation>责任方</translation>
    </message>
    <message>
        <location filename="../../qml/FindingDialog.qml" line="30" />
        <source>Deadline (2026-12-31)</source>
        <translation>整改期限（2026-12-31）</translation>
    </message>
</context>
<context>
    <name>IndicatorDelegate</name>
    <message>
        <location filename="../../qml/IndicatorDelegate.qml" line="54" />
        <source>target %1</source>
        <translation>目标 %1</translation>
    </message>
</context>
<context>
    <name>InspectionController</name>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="177" />
        <source>No inspection is open.</source>
        <translation>没有打开的评估。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="181" />
        <source>This evaluation has been approved and is locked: changes are no longer accepted.</source>
        <translation>该评估已审核通过并锁定，不再接受修改。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="195" />
        <source>This value cannot be saved: %1</source>
        <translation>该值无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="201" />
        <source>The change could not be saved on this tablet: %1</source>
        <translation>修改未能保存到本机：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="234" />
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="260" />
        <source>“%1” is not a date; write it as 2026-11-25.</source>
        <translation>“%1”不是日期，请按 2026-11-25 的格式填写。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="273" />
        <source>A score for this item is between 0 and %1 in steps of %2.</source>
        <translation>本项得分在 0 到 %1 之间，步长 %2。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="275" />
        <source>The value must be between %1 and %2.</source>
        <translation>数值须在 %1 到 %2 之间。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="290" />
        <source>The template has no item “%1”.</source>
        <translation>模板中没有“%1”这一项。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="352" />
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="380" />
        <source>A finding needs a short description of the problem.</source>
        <translation>请简要描述发现的问题。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="401" />
        <source>This finding no longer exists.</source>
        <translation>该问题已不存在。</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="413" />
        <source>finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="429" />
        <source>%1 / %2 points</source>
        <translation>%1 / %2 分</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="457" />
        <source>%1 of %2 points</source>
        <translation>%1 分（满分 %2 分）</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="462" />
        <location filename="../../mobile/inspectioncontroller.cpp" line="467" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="481" />
        <source>Sample not drawn yet</source>
        <translation>尚未抽取样本</translation>
    </message>
    <message>
        <location filename="../../mobile/inspectioncontroller.cpp" line="482" />
        <source>%1 of %2 residents answered, %3 satisfied</source>
        <translation>已调查 %1 / %2 名服务对象，满意度 %3</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="12" />
        <source>CareEval</source>
        <translation>养老机构现场评估</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../qml/OverviewPage.qml" line="35" />
        <source>%1 of %2 items answered</source>
        <translation>已完成 %1 / %2 项</translation>
    </message>
</context>
<context>
    <name>OverviewSummary</name>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="23" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="25" />
        <source>Passes</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="25" />
        <source>Fails</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="25" />
        <source>Not complete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="36" />
        <source>Survey: %1</source>
        <translation>满意度调查：%1</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="42" />
        <source>Team conflicts to resolve (%1)</source>
        <translation>待裁定的冲突（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="43" />
        <source>No team conflicts</source>
        <translation>没有冲突</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="53" />
        <source>Still missing (%1)</source>
        <translation>尚缺（%1）</translation>
    </message>
    <message>
        <location filename="../../qml/OverviewSummary.qml" line="54" />
        <source>Nothing required is missing</source>
        <translation>必填项已全部完成</translation>
    </message>
</context>
<context>
    <name>ServerApi</name>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="28" />
        <source>The server at %1 is not answering. Check the address in Settings, or work on: everything is kept on this tablet.</source>
        <translation>服务器 %1 没有响应。请在设置中检查地址，或继续离线工作：所有内容都保存在本机。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="30" />
        <source>The server name %1 cannot be found. Check the address in Settings and the network.</source>
        <translation>找不到服务器 %1。请检查设置中的地址和网络。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="33" />
        <source>The server at %1 took too long to answer. The network may be weak; try again.</source>
        <translation>服务器 %1 响应超时，网络可能较弱，请重试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="35" />
        <source>A secure connection to %1 could not be made (certificate problem).</source>
        <translation>无法与 %1 建立安全连接（证书问题）。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="39" />
        <source>There is no network connection. Everything is kept on this tablet and will be sent later.</source>
        <translation>没有网络连接。所有内容都保存在本机，稍后发送。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="41" />
        <source>The connection to %1 failed. Try again later.</source>
        <translation>连接 %1 失败，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="49" />
        <source>Your sign-in has expired or is not valid. Sign in again.</source>
        <translation>登录已过期或无效，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="51" />
        <source>You are not allowed to do this (%1).</source>
        <translation>您无权进行此操作（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="53" />
        <source>The server does not know this (%1).</source>
        <translation>服务器上没有此内容（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="55" />
        <source>This is too large for the server.</source>
        <translation>内容太大，服务器无法接收。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="57" />
        <source>Too many attempts. Wait a few minutes and try again.</source>
        <translation>尝试次数过多，请等几分钟再试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="60" />
        <source>The server had a problem (%1). Try again later.</source>
        <translation>服务器出现问题（%1），请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../mobile/serverapi.cpp" line="61" />
        <source>The server refused the request (HTTP %1).</source>
        <translation>服务器拒绝了请求（HTTP %1）。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../mobile/session.cpp" line="67" />
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="71" />
        <source>The server address “%1” is not valid (it looks like http://192.168.1.10:8080).</source>
        <translation>服务器地址“%1”无效（格式如 http://192.168.1.10:8080）。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="86" />
        <location filename="../../mobile/session.cpp" line="122" />
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="95" />
        <source>The server's answer to the sign-in could not be understood.</source>
        <translation>无法识别服务器的登录响应。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="107" />
        <source>Signed in, but offline sign-in could not be prepared: %1</source>
        <translation>已登录，但无法准备离线登录：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="116" />
        <source>This account has not signed in on this tablet before, so it cannot sign in offline.</source>
        <translation>该账号此前未在本机登录过，无法离线登录。</translation>
    </message>
    <message>
        <location filename="../../mobile/session.cpp" line="130" />
        <source>Li Hua (demo)</source>
        <translation>李华（演示）</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="9" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="27" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="38" />
        <source>Text size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="41" />
        <source>Normal</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="41" />
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="41" />
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="56" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="65" />
        <source>Device: %1 · version %2</source>
        <translation>设备：%1 · 版本 %2</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="77" />
        <source>Signed in as %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="82" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../qml/SignInPage.qml" line="9" />
        <location filename="../../qml/SignInPage.qml" line="86" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="34" />
        <source>CareEval</source>
        <translation>养老机构现场评估</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="41" />
        <source>On-site evaluation of elderly-care institutions</source>
        <translation>养老机构现场评估工具</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="53" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="62" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="69" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="86" />
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="97" />
        <source>After the first sign-in on this tablet you can sign in without a network.</source>
        <translation>在本机首次联网登录后，之后无网络也可登录。</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="106" />
        <source>Try the demo inspection (no server needed)</source>
        <translation>试用演示评估（无需服务器）</translation>
    </message>
</context>
<context>
    <name>StepDelegate</name>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="57" />
        <source>%1 of %2 answered</source>
        <translation>已完成 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="57" />
        <source>No items to answer</source>
        <translation>无需填写</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="63" />
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="68" />
        <source>Missing: %1</source>
        <translation>缺项：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="69" />
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepDelegate.qml" line="70" />
        <source>Findings: %1</source>
        <translation>问题：%1</translation>
    </message>
</context>
<context>
    <name>StepHeader</name>
    <message>
        <location filename="../../qml/StepHeader.qml" line="26" />
        <source>Residents are asked these questions one by one; each answer sheet is a survey response. %1</source>
        <translation>逐一向服务对象询问以下问题，每份答卷为一份调查问卷。%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepHeader.qml" line="37" />
        <source>Total: %1</source>
        <translation>总分：%1</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../qml/StepPage.qml" line="12" />
        <source>Step %1 of 8</source>
        <translation>第 %1 步（共 8 步）</translation>
    </message>
    <message>
        <location filename="../../qml/StepPage.qml" line="25" />
        <source>No item matches “%1” on this page.</source>
        <translation>本页没有与“%1”匹配的项目。</translation>
    </message>
</context>
<context>
    <name>StepToolBar</name>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="19" />
        <source>Go to item: number or words</source>
        <translation>跳转到项目：输入编号或文字</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="25" />
        <source>Go</source>
        <translation>跳转</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="31" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="35" />
        <source>Undo the last change: %1</source>
        <translation>撤销上一次修改：%1</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="40" />
        <source>Reopen step</source>
        <translation>重新打开本步</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="40" />
        <source>I take this step</source>
        <translation>由我负责本步</translation>
    </message>
    <message>
        <location filename="../../qml/StepToolBar.qml" line="40" />
        <source>Mark step done</source>
        <translation>标记本步完成</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../mobile/texts.cpp" line="28" />
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="30" />
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="30" />
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="38" />
        <source>%1 of %2 points</source>
        <translation>%1 分（满分 %2 分）</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="52" />
        <source>Signed by %1</source>
        <translation>签字人：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="71" />
        <source>finding “%1”</source>
        <translation>问题“%1”</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="81" />
        <source>“%1” is not answered yet.</source>
        <translation>“%1”尚未填写。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="83" />
        <source>“%1” still needs a signature.</source>
        <translation>“%1”尚缺签字。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="85" />
        <source>“%1” is non-compliant and needs a note saying what was found.</source>
        <translation>“%1”为不符合，需填写备注说明发现的问题。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="88" />
        <source>“%1” needs more photos (%2).</source>
        <translation>“%1”照片不足（%2）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="89" />
        <source>“%1” is non-compliant and needs a photo as evidence.</source>
        <translation>“%1”为不符合，需拍照取证。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="92" />
        <source>Team members gave different values for %1; the lead must choose one.</source>
        <translation>评估组成员对%1给出了不同的值，需由组长确定。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="94" />
        <source>Indicator “%1” cannot be computed yet: some of its inputs are missing.</source>
        <translation>指标“%1”暂无法计算：部分数据尚缺。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="96" />
        <source>Indicator “%1” misses its target.</source>
        <translation>指标“%1”未达到目标值。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="98" />
        <source>The resident sample for the survey has not been drawn.</source>
        <translation>尚未抽取满意度调查的服务对象样本。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="100" />
        <source>The survey needs more valid responses (%1).</source>
        <translation>有效调查问卷不足（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="102" />
        <source>The total is below the pass mark (%1).</source>
        <translation>总分低于合格线（%1）。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="104" />
        <source>A major hazard is still open: %1.</source>
        <translation>仍有未整改的重大隐患：%1。</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="111" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="118" />
        <location filename="../../mobile/texts.cpp" line="129" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="118" />
        <location filename="../../mobile/texts.cpp" line="129" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="142" />
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="144" />
        <source>Submitted for review</source>
        <translation>已提交审核</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="146" />
        <source>Returned to the team</source>
        <translation>已退回评估组</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="148" />
        <source>Approved (locked)</source>
        <translation>已审核通过（已锁定）</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="150" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="157" />
        <source>Team lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="159" />
        <source>Evaluator</source>
        <translation>评估员</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="161" />
        <source>Supervisor</source>
        <translation>督导</translation>
    </message>
    <message>
        <location filename="../../mobile/texts.cpp" line="163" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../mobile/workspace.cpp" line="79" />
        <source>The template %1 is not on this tablet yet. Connect to the server once to fetch it.</source>
        <translation>本机还没有模板 %1，请联网一次以下载。</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="85" />
        <source>The template %1 is damaged and cannot be used: %2</source>
        <translation>模板 %1 已损坏，无法使用：%2</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="106" />
        <source>The list of assignments cannot be read: %1</source>
        <translation>无法读取任务列表：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="190" />
        <source>The assignments could not be stored: %1</source>
        <translation>无法保存任务列表：%1</translation>
    </message>
    <message>
        <location filename="../../mobile/workspace.cpp" line="205" />
        <source>The server sent a template that cannot be used (%1): %2</source>
        <translation>服务器发送的模板无法使用（%1）：%2</translation>
    </message>
</context>
</TS>