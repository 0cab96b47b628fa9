"""The personal metrics API: configurable self-assessment scales, a client's answers and their change."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import lang, runtime
from services.intake.domain.metrics import CONFIGURERS, PHASES
from services.intake.handlers import metrics
from shared.auth import allow, current_principal
from shared.web import fields
from shared.web.schemas import LangArgs

blp = Blueprint("metrics_api", __name__, url_prefix="/api/v1", description="Personal metrics of clients.")


class ScaleLabels(Schema):
    fi = fields.String(required=True, validate=validate.Length(min=1, max=200))
    sv = fields.String(required=True, validate=validate.Length(min=1, max=200))
    en = fields.String(required=True, validate=validate.Length(min=1, max=200))


class MetricScaleIn(Schema):
    key = fields.String(required=True, validate=validate.Length(min=2, max=60))
    labels = fields.Nested(ScaleLabels, required=True)
    minimum = fields.Integer(load_default=1)
    maximum = fields.Integer(load_default=5)


class MetricScaleChange(Schema):
    labels = fields.Nested(ScaleLabels)
    position = fields.Integer(validate=validate.Range(0, 1000))
    active = fields.Boolean()


class MetricScaleOut(MetricScaleIn):
    labels = fields.Dict(keys=fields.String(), values=fields.String())
    position = fields.Integer()
    active = fields.Boolean()


class MetricScaleListArgs(Schema):
    all = fields.Boolean(load_default=False, metadata={"description": "Include retired scales"})


class MetricAnswersIn(Schema):
    phase = fields.String(required=True, validate=validate.OneOf(PHASES))
    answers = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True,
                          metadata={"description": "{scale key: value}"})
    context = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=60),
                            metadata={"description": "e.g. the id of a learning environment"})
    answered_on = fields.Date(allow_none=True, load_default=None,
                              metadata={"description": "the day a paper questionnaire was filled in; today if not "
                                                       "given, never in the future"})


class MetricPointOut(Schema):
    phase = fields.String()
    answered_at = fields.DateTime()
    value = fields.Integer()


class MetricAnswerOut(MetricPointOut):
    """One answer: a point of the scale it answers."""
    scale = fields.String(attribute="scale_key")


class MetricSeriesOut(Schema):
    scale = fields.String(attribute="key")
    label = fields.String()
    minimum = fields.Integer()
    maximum = fields.Integer()
    change = fields.Integer(allow_none=True, metadata={
        "description": "The latest answer at the end minus the first at the start (as the network's report counts "
                       "it); null until both are answered"})
    points = fields.List(fields.Nested(MetricPointOut))


class PersonalMetricsOut(Schema):
    client_id = fields.String()
    answers = fields.List(fields.Nested(MetricAnswerOut))
    chart = fields.List(fields.Nested(MetricSeriesOut))





@blp.route("/metrics/scales")
class Scales(MethodView):
    @allow("manager", "student", "coordinator", "admin")
    @blp.arguments(MetricScaleListArgs, location="query")
    @blp.response(200, MetricScaleOut(many=True))
    def get(self, args):
        """List the self-assessment scales in questionnaire order."""
        with runtime().db.session() as session:
            return [s.__dict__ for s in metrics.scales(session, active_only=not args["all"])]

    @allow(*CONFIGURERS)
    @blp.arguments(MetricScaleIn)
    @blp.response(201, MetricScaleOut)
    def post(self, data):
        """Add a self-assessment scale to the network's questionnaire (the coordinator or an administrator)."""
        with runtime().work() as work:
            return metrics.add_scale(work, data["key"], data["labels"], data["minimum"], data["maximum"]).__dict__


@blp.patch("/metrics/scales/<string:key>")
@allow(*CONFIGURERS)
@blp.arguments(MetricScaleChange)
@blp.response(200, MetricScaleOut)
def change_scale(data, key):
    """Reword, reorder, retire or restore a scale (the coordinator or an administrator); its range stays, so
    answers remain comparable."""
    with runtime().work() as work:
        return metrics.change_scale(work, key, data).__dict__


@blp.route("/clients/<uuid:client_id>/metrics")
class ClientMetrics(MethodView):
    @allow("manager", "student")
    @blp.arguments(LangArgs, location="query")
    @blp.response(200, PersonalMetricsOut)
    def get(self, args, client_id):
        """A client's answers and, per scale, their change from start to end."""
        with runtime().work() as work:
            view = metrics.metrics_view(work, current_principal(), str(client_id), "guidance",
                                        lang(args["lang"]))
            return {"client_id": view["client"].id, "answers": view["answers"], "chart": view["charts"]}

    @allow("manager", "student")
    @blp.arguments(MetricAnswersIn)
    @blp.response(201, PersonalMetricsOut)
    def post(self, data, client_id):
        """Record a questionnaire's answers (start, during or end) of a client."""
        with runtime().work() as work:
            metrics.record_answers(work, current_principal(), str(client_id), data["phase"], data["answers"],
                                   data["context"], data["answered_on"])
            view = metrics.metrics_view(work, current_principal(), str(client_id), "guidance", lang())
            return {"client_id": view["client"].id, "answers": view["answers"], "chart": view["charts"]}
