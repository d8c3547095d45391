/// The XML Schema of the reports this library writes.
///
/// It is a strict subset of the Jenkins xUnit `junit-10.xsd` shape (every element and attribute used
/// here is allowed there), with the order of children fixed and the values constrained to exactly what
/// ``JUnitWriter`` produces:
///
/// ```
/// testsuites  @name @tests @failures @errors @time
///   testsuite*  @name @tests @failures @errors @skipped @time @timestamp @hostname
///     properties?  > property+ @name @value
///     testcase*  @classname @name @time @file?
///       properties?
///       (skipped @message | failure @message @type? text | error @message @type? text)?
///       system-out?
///       system-err?
/// ```
///
/// `time` is seconds with at most 3 decimals and no trailing zeros; counts are decimal integers without
/// leading zeros; `timestamp` is ISO 8601 (`YYYY-MM-DDThh:mm:ss[.f][Z|±hh:mm]`); names are non-empty.
/// Things XSD 1.0 cannot say (counts equal to the cases, unique `classname` + `name`, suite-level property
/// names unique across the report) are checked by ``JUnitValidator`` in code.
public enum JUnitSchema {
    /// The XSD document.
    public static let xsd = #"""
    <?xml version="1.0" encoding="UTF-8"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">

      <xs:simpleType name="Count">
        <xs:restriction base="xs:string">
          <xs:pattern value="0|[1-9][0-9]*"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="Seconds">
        <xs:restriction base="xs:string">
          <xs:pattern value="(0|[1-9][0-9]*)(\.[0-9]{0,2}[1-9])?"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="Timestamp">
        <xs:restriction base="xs:string">
          <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+\-][0-9]{2}:[0-9]{2})?"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:simpleType name="Name">
        <xs:restriction base="xs:string">
          <xs:minLength value="1"/>
        </xs:restriction>
      </xs:simpleType>

      <xs:complexType name="Properties">
        <xs:sequence>
          <xs:element name="property" minOccurs="1" maxOccurs="unbounded">
            <xs:complexType>
              <xs:attribute name="name" type="Name" use="required"/>
              <xs:attribute name="value" type="xs:string" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:sequence>
      </xs:complexType>

      <xs:complexType name="Problem">
        <xs:simpleContent>
          <xs:extension base="xs:string">
            <xs:attribute name="message" type="xs:string" use="required"/>
            <xs:attribute name="type" type="Name" use="optional"/>
          </xs:extension>
        </xs:simpleContent>
      </xs:complexType>

      <xs:complexType name="Skipped">
        <xs:attribute name="message" type="xs:string" use="required"/>
      </xs:complexType>

      <xs:complexType name="TestCase">
        <xs:sequence>
          <xs:element name="properties" type="Properties" minOccurs="0"/>
          <xs:choice minOccurs="0">
            <xs:element name="skipped" type="Skipped"/>
            <xs:element name="failure" type="Problem"/>
            <xs:element name="error" type="Problem"/>
          </xs:choice>
          <xs:element name="system-out" type="xs:string" minOccurs="0"/>
          <xs:element name="system-err" type="xs:string" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="classname" type="Name" use="required"/>
        <xs:attribute name="name" type="Name" use="required"/>
        <xs:attribute name="time" type="Seconds" use="required"/>
        <xs:attribute name="file" type="Name" use="optional"/>
      </xs:complexType>

      <xs:complexType name="TestSuite">
        <xs:sequence>
          <xs:element name="properties" type="Properties" minOccurs="0"/>
          <xs:element name="testcase" type="TestCase" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
        <xs:attribute name="name" type="Name" use="required"/>
        <xs:attribute name="tests" type="Count" use="required"/>
        <xs:attribute name="failures" type="Count" use="required"/>
        <xs:attribute name="errors" type="Count" use="required"/>
        <xs:attribute name="skipped" type="Count" use="required"/>
        <xs:attribute name="time" type="Seconds" use="required"/>
        <xs:attribute name="timestamp" type="Timestamp" use="required"/>
        <xs:attribute name="hostname" type="Name" use="required"/>
      </xs:complexType>

      <xs:element name="testsuites">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="testsuite" type="TestSuite" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
          <xs:attribute name="name" type="Name" use="required"/>
          <xs:attribute name="tests" type="Count" use="required"/>
          <xs:attribute name="failures" type="Count" use="required"/>
          <xs:attribute name="errors" type="Count" use="required"/>
          <xs:attribute name="time" type="Seconds" use="required"/>
        </xs:complexType>
      </xs:element>

    </xs:schema>
    """#
}
